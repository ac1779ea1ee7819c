{{- define "nova.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "nova.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "nova.selectorLabels" -}}
app.kubernetes.io/name: {{ include "nova.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "nova.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "nova.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: nova-platform
{{- end -}}

{{- define "nova.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "nova.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "nova.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}

{{/* The hardened container security context every container of the chart runs with. */}}
{{- define "nova.containerSecurityContext" -}}
runAsNonRoot: true
runAsUser: 10001
runAsGroup: 10001
readOnlyRootFilesystem: true
allowPrivilegeEscalation: false
privileged: false
capabilities:
  drop:
    - ALL
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{- define "nova.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: 10001
runAsGroup: 10001
fsGroup: 10001
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{/* Fails the release with a clear message when the settings a cluster install needs are missing. */}}
{{- define "nova.validate" -}}
{{- $db := .Values.database -}}
{{- if not $db.url -}}
{{- fail "database.url is required: Nova Platform needs an external PostgreSQL on a cluster (e.g. jdbc:postgresql://postgres.db.svc:5432/nova); the embedded database is for development only" -}}
{{- end -}}
{{- if not $db.username -}}
{{- fail "database.username is required (the PostgreSQL user the platform connects as)" -}}
{{- end -}}
{{- if not $db.existingSecret -}}
{{- fail "database.existingSecret is required: the name of an existing Secret holding the database password under database.passwordKey" -}}
{{- end -}}
{{- if and (not .Values.login.issuer) (not .Values.login.developmentSetup) -}}
{{- fail "login.issuer is required: without it the platform runs the development setup (a local admin account with a password, no single sign-on, public metrics and API explorer); set login.developmentSetup=true to install that anyway" -}}
{{- end -}}
{{- if and (eq .Values.delivery.mode "GITOPS") (not .Values.delivery.gitops.url) -}}
{{- fail "delivery.gitops.url is required when delivery.mode is GITOPS (the repository Flux reads)" -}}
{{- end -}}
{{- if and .Values.vault.address (eq .Values.vault.authentication "TOKEN") (not .Values.vault.token.existingSecret) -}}
{{- fail "vault.token.existingSecret is required when vault.authentication is TOKEN" -}}
{{- end -}}
{{- if and .Values.vault.address (eq .Values.vault.authentication "APPROLE") (or (not .Values.vault.approle.roleId) (not .Values.vault.approle.existingSecret)) -}}
{{- fail "vault.approle.roleId and vault.approle.existingSecret are required when vault.authentication is APPROLE" -}}
{{- end -}}
{{- if and .Values.persistence.enabled (gt (int .Values.replicaCount) 1) (ne .Values.persistence.accessMode "ReadWriteMany") -}}
{{- fail "persistence with replicaCount > 1 needs persistence.accessMode ReadWriteMany (all replicas mount the one volume); or leave persistence off: each replica keeps its GitOps working clones in an emptyDir" -}}
{{- end -}}
{{- if and .Values.ingress.enabled .Values.ingress.tls.enabled (not .Values.ingress.tls.secretName) -}}
{{- fail "ingress.tls.secretName is required when ingress.tls.enabled is true" -}}
{{- end -}}
{{- end -}}
