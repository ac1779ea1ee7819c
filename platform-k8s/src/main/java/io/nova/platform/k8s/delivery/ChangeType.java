package io.nova.platform.k8s.delivery;

public enum ChangeType {
    CREATE, UPDATE, DELETE
}
