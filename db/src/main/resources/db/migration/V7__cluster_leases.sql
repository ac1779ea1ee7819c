-- Which replica of the platform reconciles which cluster. Every replica that reconciles renews its row in
-- reconcile_replica and its leases at a fixed interval; a row whose expires_at has passed belongs to a replica that
-- stopped (or lost the database), and its clusters may be claimed by the others. All times are the database's, so
-- the replicas' clocks do not matter.
CREATE TABLE reconcile_replica (
    replica_id VARCHAR(128) PRIMARY KEY,
    started_at TIMESTAMPTZ  NOT NULL,
    renewed_at TIMESTAMPTZ  NOT NULL,
    expires_at TIMESTAMPTZ  NOT NULL
);

-- One owner per cluster at a time: only the owner schedules the cluster's reconciles (after changes and
-- periodically). A lease goes with its cluster.
CREATE TABLE cluster_lease (
    cluster_name VARCHAR(63)  PRIMARY KEY REFERENCES cluster (name) ON DELETE CASCADE,
    owner        VARCHAR(128) NOT NULL,
    acquired_at  TIMESTAMPTZ  NOT NULL,
    renewed_at   TIMESTAMPTZ  NOT NULL,
    expires_at   TIMESTAMPTZ  NOT NULL
);

CREATE INDEX cluster_lease_owner ON cluster_lease (owner);
