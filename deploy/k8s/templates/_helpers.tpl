{{- define "hookport.labels" -}}
app.kubernetes.io/name: hookport
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ .Chart.Name }}-{{ .Chart.Version }}
{{- end -}}
{{- define "hookport.secretName" -}}
{{- .Values.secrets.existingSecret | default (printf "%s-hookport" .Release.Name) -}}
{{- end -}}
{{- define "hookport.image" -}}
{{ .root.Values.image.repository }}/{{ .name }}:{{ .root.Values.image.tag | default .root.Chart.AppVersion }}
{{- end -}}
