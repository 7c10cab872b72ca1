"""The test renderer's semantics on small templates, so the chart checks stand on a renderer that is right."""

import tempfile
import textwrap
import unittest
from pathlib import Path

import helm_subset


def render(template, values=None, helpers=""):
    with tempfile.TemporaryDirectory() as directory:
        chart = Path(directory)
        (chart / "Chart.yaml").write_text("apiVersion: v2\nname: demo\nversion: 1.2.3\n")
        (chart / "values.yaml").write_text("{}\n" if values is None else values)
        (chart / "templates").mkdir()
        (chart / "templates" / "_helpers.tpl").write_text(helpers)
        (chart / "templates" / "t.yaml").write_text(textwrap.dedent(template))
        (chart / "data.json").write_text('{"flows": [{"id": "a", "args": ["x", "y"]}, {"id": "b", "args": []}]}')
        return helm_subset.Chart(chart).render(release="rel")["t.yaml"]


class RendererTest(unittest.TestCase):

    def test_fields_quote_and_release(self):
        (doc,) = render("""\
            name: {{ .Release.Name }}-{{ .Chart.Name }}
            version: {{ .Chart.Version | quote }}
            port: {{ .Values.port }}
            missing: {{ .Values.absent }}
            """, "port: 8080\n")
        self.assertEqual({"name": "rel-demo", "version": "1.2.3", "port": 8080, "missing": None}, doc)

    def test_whitespace_trimming_and_comments(self):
        (doc,) = render("""\
            {{- /* a comment */ -}}
            items:
              {{- if .Values.enabled }}
              - first
              {{- end }}
              - last
            """, "enabled: true\n")
        self.assertEqual({"items": ["first", "last"]}, doc)

    def test_if_else_if_else(self):
        template = """\
            v: {{ if eq .Values.n 1 }}one{{ else if eq .Values.n 2 }}two{{ else }}many{{ end }}
            """
        self.assertEqual([{"v": "one"}], render(template, "n: 1\n"))
        self.assertEqual([{"v": "two"}], render(template, "n: 2\n"))
        self.assertEqual([{"v": "many"}], render(template, "n: 3\n"))

    def test_range_over_list_and_map_with_variables(self):
        (doc,) = render("""\
            list:
            {{- range $i, $v := .Values.list }}
              - {{ $i }}-{{ $v }}-{{ $.Release.Name }}
            {{- end }}
            map:
            {{- range $k, $v := .Values.map }}
              {{ $k }}: {{ $v | quote }}
            {{- end }}
            """, "list: [a, b]\nmap: {z: 1, a: 2}\n")
        self.assertEqual({"list": ["0-a-rel", "1-b-rel"], "map": {"a": "2", "z": "1"}}, doc)

    def test_assignment_reaches_the_declaring_scope(self):
        (doc,) = render("""\
            {{- $found := false }}
            {{- range $v := .Values.list }}
            {{- if eq $v "b" }}
            {{- $found = true }}
            {{- end }}
            {{- end }}
            found: {{ $found }}
            """, "list: [a, b]\n")
        self.assertEqual({"found": True}, doc)

    def test_include_nindent_to_json_and_files(self):
        (doc,) = render("""\
            meta:
              {{- include "demo.labels" . | nindent 2 }}
            {{- $data := .Files.Get "data.json" | fromJson }}
            {{- range $flow := $data.flows }}
            {{ $flow.id }}: {{ toJson $flow.args }}
            {{- end }}
            """, helpers='{{- define "demo.labels" -}}\nname: {{ .Release.Name }}\nchart: {{ .Chart.Name }}\n{{- end }}\n')
        self.assertEqual({"meta": {"name": "rel", "chart": "demo"}, "a": ["x", "y"], "b": []}, doc)

    def test_printf_with_required_in_parentheses(self):
        (doc,) = render('image: {{ printf "%s/%s:%s" (required "r needed" .Values.r) "m" .Values.t | quote }}\n',
                        "r: reg\nt: 1\n")
        self.assertEqual({"image": "reg/m:1"}, doc)
        with self.assertRaisesRegex(helm_subset.TemplateError, "r needed"):
            render('image: {{ required "r needed" .Values.r }}\n')

    def test_fail_stops_the_render_with_its_message(self):
        with self.assertRaisesRegex(helm_subset.TemplateError, "no good: x"):
            render('{{ fail (printf "no good: %s" .Values.v) }}\n', "v: x\n")

    def test_constructs_outside_the_subset_are_refused(self):
        with self.assertRaisesRegex(helm_subset.TemplateError, "outside the supported subset"):
            render("{{ with .Values.a }}x{{ end }}\n")
        with self.assertRaisesRegex(helm_subset.TemplateError, "function b64enc is outside the supported subset"):
            render("{{ b64enc .Values.a }}\n")

    def test_field_of_a_missing_value_is_an_error_as_in_helm(self):
        with self.assertRaisesRegex(helm_subset.TemplateError, "nil pointer evaluating .Values.a.b"):
            render("x: {{ .Values.a.b }}\n")

    def test_unclosed_block_and_invalid_yaml_are_errors(self):
        with self.assertRaisesRegex(helm_subset.TemplateError, "missing {{ end }}"):
            render("{{ if .Values.a }}x\n")
        with self.assertRaisesRegex(helm_subset.TemplateError, "invalid YAML"):
            render("a: [\n")


if __name__ == "__main__":
    unittest.main()
