"""Static checks of the DAG files with ``ast``: Airflow is not installed here, and is not imitated.

What the DAG code builds is checked by reading it: the operators it imports and instantiates, that DAG ids,
schedules, task ids and dependencies come from the flows of ``anime_rec_tasks`` (whose output
test_anime_rec_tasks checks against the spec), and that no stage list is written into the DAG code.
"""

import ast
import sys
import unittest
from pathlib import Path

DAGS = Path(__file__).resolve().parents[1] / "dags"
sys.path.insert(0, str(DAGS))

import anime_rec_tasks  # noqa: E402

DAG_FILE = DAGS / "anime_rec_dags.py"
SPEC = anime_rec_tasks.load_spec()


def parse(path):
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def imported_names(tree):
    names = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            for alias in node.names:
                names[alias.asname or alias.name] = node.module
        elif isinstance(node, ast.Import):
            for alias in node.names:
                names[alias.asname or alias.name] = alias.name
    return names


def calls_to(tree, name):
    return [node for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == name]


def keyword(call, name):
    found = [k.value for k in call.keywords if k.arg == name]
    return found[0] if found else None


def function(tree, name):
    return next(node for node in tree.body if isinstance(node, ast.FunctionDef) and node.name == name)


class DagFileTest(unittest.TestCase):

    def setUp(self):
        self.tree = parse(DAG_FILE)

    def test_every_python_file_in_dags_parses(self):
        files = sorted(DAGS.glob("*.py"))
        self.assertEqual(["anime_rec_dags.py", "anime_rec_tasks.py"], [f.name for f in files])
        for path in files:
            parse(path)

    def test_the_task_module_does_not_import_airflow(self):
        modules = set(imported_names(parse(DAGS / "anime_rec_tasks.py")).values())
        self.assertFalse({m for m in modules if m and m.split(".")[0] in ("airflow", "kubernetes")}, modules)

    def test_the_task_module_is_ignored_by_the_dag_parser(self):
        patterns = [line for line in (DAGS / ".airflowignore").read_text().splitlines()
                    if line and not line.startswith("#")]
        self.assertEqual([r"anime_rec_tasks\.py"], patterns)

    def test_operators_come_from_the_google_and_kubernetes_providers(self):
        names = imported_names(self.tree)
        self.assertEqual("airflow", names["DAG"])
        self.assertEqual("airflow.providers.google.cloud.operators.kubernetes_engine", names["GKEStartPodOperator"])
        self.assertEqual("airflow.providers.google.cloud.operators.dataproc", names["DataprocCreateBatchOperator"])
        self.assertEqual("airflow.providers.cncf.kubernetes.secret", names["Secret"])
        self.assertEqual("anime_rec_tasks", names["anime_rec_tasks"])
        operators = {n.func.id for n in ast.walk(self.tree) if isinstance(n, ast.Call)
                     and isinstance(n.func, ast.Name) and n.func.id.endswith("Operator")}
        self.assertEqual({"GKEStartPodOperator", "DataprocCreateBatchOperator"}, operators)

    def test_each_operator_takes_its_arguments_from_the_task_module(self):
        expected = {"gke_pod": ("GKEStartPodOperator", "gke_pod_kwargs"),
                    "dataproc_batch": ("DataprocCreateBatchOperator", "dataproc_batch_kwargs")}
        for factory, (operator, kwargs_function) in expected.items():
            (call,) = calls_to(function(self.tree, factory), operator)
            spread = [k.value for k in call.keywords if k.arg is None]
            self.assertEqual(1, len(spread), factory)
            self.assertEqual("anime_rec_tasks.%s(task)" % kwargs_function, ast.unparse(spread[0]))
        pod = calls_to(function(self.tree, "gke_pod"), "GKEStartPodOperator")[0]
        self.assertIn("anime_rec_tasks.CONFIG_MAP", ast.unparse(keyword(pod, "env_from")))
        self.assertIn("anime_rec_tasks.DATABASE_SECRET", ast.unparse(keyword(pod, "secrets")))

    def test_every_operator_kind_of_the_task_module_has_a_factory(self):
        (assignment,) = [n for n in self.tree.body if isinstance(n, ast.Assign)
                         and ast.unparse(n.targets[0]) == "OPERATOR_FACTORIES"]
        keys = {ast.unparse(k) for k in assignment.value.keys}
        kinds = {getattr(anime_rec_tasks, k.split(".")[1]) for k in keys}
        self.assertEqual(set(anime_rec_tasks.OPERATOR_BY_RUNTIME.values()), kinds)
        used = {t.operator for f in anime_rec_tasks.flows(SPEC) for t in f.tasks}
        self.assertEqual(used, kinds)

    def test_dag_id_and_schedule_come_from_the_flow(self):
        (dag_call,) = calls_to(self.tree, "DAG")
        self.assertEqual("flow.dag_id", ast.unparse(keyword(dag_call, "dag_id")))
        self.assertEqual("flow.schedule", ast.unparse(keyword(dag_call, "schedule")))
        self.assertEqual("False", ast.unparse(keyword(dag_call, "catchup")))
        self.assertEqual("1", ast.unparse(keyword(dag_call, "max_active_runs")))

    def test_one_dag_per_flow_of_the_spec_is_exposed_at_module_level(self):
        (loop,) = [n for n in self.tree.body if isinstance(n, ast.For)]
        self.assertEqual("anime_rec_tasks.flows(anime_rec_tasks.load_spec())", ast.unparse(loop.iter))
        self.assertEqual(["globals()[pipeline_flow.dag_id] = build_dag(pipeline_flow)"],
                         [ast.unparse(s) for s in loop.body])

    def test_tasks_and_dependencies_are_built_from_the_flow(self):
        build = function(self.tree, "build_dag")
        (with_block,) = [n for n in ast.walk(build) if isinstance(n, ast.With)]
        (operators,) = [n for n in with_block.body if isinstance(n, ast.Assign)]
        self.assertEqual("operators = {task.task_id: OPERATOR_FACTORIES[task.operator](task) for task in flow.tasks}",
                         ast.unparse(operators))
        (outer,) = [n for n in with_block.body if isinstance(n, ast.For)]
        self.assertEqual("flow.tasks", ast.unparse(outer.iter))
        (inner,) = outer.body
        self.assertEqual("task.upstream", ast.unparse(inner.iter))
        self.assertEqual(["operators[upstream] >> operators[task.task_id]"], [ast.unparse(s) for s in inner.body])

    def test_no_stage_dag_or_schedule_is_written_into_the_dag_code(self):
        spec_words = {f["dag_id"] for f in SPEC["flows"]} | {f["schedule"] for f in SPEC["flows"]}
        spec_words |= {s["id"] for s in SPEC["stages"]} | {s["module"] for s in SPEC["stages"]}
        spec_words |= {a for f in SPEC["flows"] for t in f["tasks"] for a in t["arguments"]}
        for path in DAGS.glob("*.py"):
            tree = parse(path)
            # Keys of the spec's JSON (flow["schedule"]) are field names, not stages.
            keys = {id(n.slice) for n in ast.walk(tree) if isinstance(n, ast.Subscript)}
            strings = {n.value for n in ast.walk(tree)
                       if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in keys}
            self.assertEqual(set(), strings & spec_words, path.name)


if __name__ == "__main__":
    unittest.main()
