"""The live event of `bench/run.py`: clerks registering citizens at one Work Day through the API.

Each simulated clerk asks for an API token (`POST /api/v1/auth/token`), then posts registrations
(`POST /api/v1/workdays/{id}/registrations`), each with its own `client_ref`, waiting 1-3 s between
them as a clerk does (with $BENCH_TOKENS, a comma-separated list of tokens run.py asked for
the same way before the event, each clerk takes one of those instead). The client_refs the server acknowledged (200 or 201) are written, one a line,
to $BENCH_ACKS when the run stops, so bench/run.py can check each is stored exactly once.
Settings come from the environment (BENCH_USERNAME, BENCH_PASSWORD, BENCH_WORKDAY, BENCH_CATEGORY,
BENCH_TERRITORY, BENCH_ACKS); run.py sets them.
"""

import itertools
import os
import random
import uuid

from locust import HttpUser, between, events, task

ACKED: list[str] = []
_SEATS = itertools.count()
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英"


@events.test_stop.add_listener
def _write_acks(**_kwargs):
    path = os.environ.get("BENCH_ACKS")
    if path:
        with open(path, "w") as f:
            f.write("\n".join(ACKED))


class Clerk(HttpUser):
    wait_time = between(1, 3)

    def on_start(self):
        tokens = os.environ.get("BENCH_TOKENS", "").split(",")
        if tokens[0]:  # run.py signed the clerks in before the event
            self.client.headers["Authorization"] = f"Bearer {tokens[next(_SEATS) % len(tokens)]}"
            return
        answer = self.client.post(
            "/api/v1/auth/token",
            json={"username": os.environ["BENCH_USERNAME"], "password": os.environ["BENCH_PASSWORD"], "name": "bench"},
            name="POST auth/token",
        )
        self.client.headers["Authorization"] = f"Bearer {answer.json()['token']}"

    @task
    def register(self):
        ref = str(uuid.uuid4())
        body = {
            "client_ref": ref,
            "petitioners": [{
                "name": random.choice(SURNAMES) + random.choice(GIVEN) + random.choice(GIVEN),
                "phone": "13" + "".join(random.choice("0123456789") for _ in range(9)),
            }],
            "kind": "request",
            "category_id": int(os.environ["BENCH_CATEGORY"]),
            "territory_unit_id": int(os.environ["BENCH_TERRITORY"]),
            "content": "压力测试：道路积水，请求疏通排水沟。",
            "disposition": "refer",
            "channel": "12345热线",
        }
        with self.client.post(
            f"/api/v1/workdays/{os.environ['BENCH_WORKDAY']}/registrations", json=body,
            name="POST registration", catch_response=True,
        ) as answer:
            if answer.status_code in (200, 201):
                ACKED.append(ref)
                answer.success()
            else:
                answer.failure(f"HTTP {answer.status_code}: {answer.text[:200]}")
