"""The admin console for the governance parts: one module per part."""

from consortium.governance.admin_parts import bodies  # noqa: F401
from consortium.governance.admin_parts import meetings  # noqa: F401
from consortium.governance.admin_parts import votes  # noqa: F401
from consortium.governance.admin_parts import minutes  # noqa: F401
from consortium.governance.admin_parts import routing  # noqa: F401
from consortium.governance.admin_parts import actions  # noqa: F401
from consortium.governance.admin_parts import plans  # noqa: F401
from consortium.governance.admin_parts import projects  # noqa: F401
from consortium.governance.admin_parts import credits  # noqa: F401
from consortium.governance.admin_parts import disclosure  # noqa: F401
