"""Every row of every table (all models, many-to-many tables included), ordered by pk, as JSON values:
what a round trip must keep. Run in the test and, against the restored database, in a subprocess:
`python -m backup.tests.rows`."""

import json


def all_rows() -> dict:
    from django.apps import apps
    from django.core.serializers.json import DjangoJSONEncoder

    rows = {
        model._meta.label: list(model._base_manager.order_by("pk").values())
        for model in apps.get_models(include_auto_created=True)
    }
    return json.loads(json.dumps(rows, cls=DjangoJSONEncoder))


if __name__ == "__main__":
    import django

    django.setup()
    print(json.dumps(all_rows(), ensure_ascii=False))
