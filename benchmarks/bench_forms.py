"""How many Mẫu 01 forms per second ``render_form`` makes, one at a time, in one process.

    python benchmarks/bench_forms.py [--count 2000] [--profile]

Synthetic people only (made-up names, numbers that merely look right). The target on the
project's 2-core machine is at least 150 forms/s; raw reportlab with one embedded TTF font makes
about 210 one-page documents a second there.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import random
import sys
import time
from datetime import date

from vssid_batch.documents.mau01 import render_form
from vssid_batch.models import Contact, Employee, Employer, Gender, Letter, Signer, Unit

TARGET = 150.0

_FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi"]
_MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Ngọc", "Thanh", "Xuân", "Quốc", "Thu"]
_GIVEN = [
    "An",
    "Bình",
    "Chi",
    "Dũng",
    "Giang",
    "Hà",
    "Hùng",
    "Khánh",
    "Linh",
    "Mai",
    "Nam",
    "Oanh",
    "Phúc",
    "Quyên",
    "Sơn",
    "Tâm",
    "Tuyết",
    "Uyên",
    "Việt",
    "Yến",
    "Ánh",
    "Đạt",
]
_STREETS = [
    "Thái Hà",
    "Tây Sơn",
    "Chùa Bộc",
    "Láng Hạ",
    "Nguyễn Lương Bằng",
    "Xã Đàn",
    "Khâm Thiên",
]
_WARDS = ["Trung Liệt", "Quang Trung", "Thịnh Quang", "Láng Thượng", "Ô Chợ Dừa", "Văn Chương"]


def synthetic_unit() -> Unit:
    return Unit(
        employer=Employer(
            name="Công ty TNHH Sao Mai",
            bhxh_unit_code="TA1234A",
            tax_code="0101234567",
            address="Số 12 phố Thái Hà, phường Trung Liệt, quận Đống Đa, Hà Nội",
        ),
        contact=Contact(name="Trần Thị Hoa", phone="0987654321"),
        signer=Signer(name="Lê Văn Minh"),
        letter=Letter(number=5, symbol="CV-SAOMAI", place="Hà Nội"),
    )


def synthetic_employees(count: int, seed: int = 2026) -> list[Employee]:
    """``count`` made-up people with the spread of lengths a real sheet has."""
    rng = random.Random(seed)
    people = []
    for row in range(count):
        gender = rng.choice(list(Gender))
        born = date(rng.randint(1965, 2004), rng.randint(1, 12), rng.randint(1, 28))
        sex_digit = (0 if born.year < 2000 else 2) + (gender is Gender.female)
        name = " ".join(
            [rng.choice(_FAMILY), rng.choice(_MIDDLE), *rng.sample(_GIVEN, rng.randint(1, 2))]
        )
        people.append(
            Employee(
                row=row + 5,
                full_name=name,
                birth_date=born,
                gender=gender,
                bhxh_code=f"{rng.randrange(10**10):010d}",
                id_number=f"001{sex_digit}{born.year % 100:02d}{rng.randrange(10**6):06d}",
                phone=f"09{rng.randrange(10**8):08d}",
                email=f"nv{row:04d}@example.com" if rng.random() < 0.6 else None,
                address=(
                    f"Số {rng.randint(1, 200)} phố {rng.choice(_STREETS)}, phường "
                    f"{rng.choice(_WARDS)}, quận Đống Đa, Hà Nội"
                ),
            )
        )
    return people


def measure(count: int) -> float:
    """Forms per second for ``count`` calls of ``render_form`` after one warm-up call."""
    unit = synthetic_unit()
    people = synthetic_employees(count)
    on = date(2026, 11, 25)
    render_form(people[0], unit, on=on)  # fonts, form text and static layout: once per process
    start = time.perf_counter()
    for person in people:
        render_form(person, unit, on=on)
    return count / (time.perf_counter() - start)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--profile", action="store_true", help="print the top of a cProfile")
    args = parser.parse_args(argv)
    if args.profile:
        profile = cProfile.Profile()
        profile.runcall(measure, min(args.count, 300))
        pstats.Stats(profile).sort_stats("tottime").print_stats(15)
        return 0
    rate = measure(args.count)
    verdict = "meets" if rate >= TARGET else "BELOW"
    print(
        f"render_form: {rate:.0f} forms/s over {args.count} forms ({verdict} target {TARGET:.0f})"
    )
    return 0 if rate >= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
