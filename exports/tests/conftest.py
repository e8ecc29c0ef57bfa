"""The cases of the ledger tests are made by cases' own factory (a Work Day of 巴川街道, cases assigned
to 区人力社保局 with 土桥镇 assisting)."""

from cases.tests.conftest import case_factory, labour_clerk  # noqa: F401  (fixtures)
