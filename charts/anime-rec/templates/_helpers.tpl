{{/* Labels of every object of the release. */}}
{{- define "anime-rec.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/*
Environment of every anime-rec JVM: the release's ConfigMap, and the database login from the existing Secret by
reference. It ends with the env list, so a caller can append items at the same indentation.
*/}}
{{- define "anime-rec.environment" -}}
envFrom:
  - configMapRef:
      name: {{ .Release.Name }}-config
env:
  - name: SPRING_DATASOURCE_USERNAME
    valueFrom:
      secretKeyRef:
        name: {{ required "secrets.database.name is required" .Values.secrets.database.name }}
        key: {{ .Values.secrets.database.usernameKey }}
  - name: SPRING_DATASOURCE_PASSWORD
    valueFrom:
      secretKeyRef:
        name: {{ .Values.secrets.database.name }}
        key: {{ .Values.secrets.database.passwordKey }}
{{- end }}
