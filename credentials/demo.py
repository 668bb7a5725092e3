"""Demo data of the credentials area. Idempotent."""

from credentials.credit_demo import seed_credit_bank


def seed_demo(context: dict) -> None:
    # the credit bank (学分银行)
    seed_credit_bank(context)
