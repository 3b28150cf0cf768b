from tests.staff.conftest import make_user  # noqa: F401 - the staff tests' fixture
