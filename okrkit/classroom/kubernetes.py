"""The class on Zero to JupyterHub: the same login, landing and trainer view as on one machine.

Called from the helm values' ``hub.extraConfig`` (deploy/values.yaml)::

    from okrkit.classroom.kubernetes import configure_z2jh
    configure_z2jh(c)

It reads the class (``class.json`` written by ``okrkit classroom start``) from
``$OKRKIT_CLASS_DIR`` and the passwords from ``$OKRKIT_CLASS_PASSWORD`` /
``$OKRKIT_TRAINER_PASSWORD`` (a Kubernetes secret). Spawning, storage and the proxy stay
KubeSpawner's and the chart's: the participants' folders are sub-folders of one shared volume.
"""

from __future__ import annotations

import os
from pathlib import Path

from .hub import ClassInfo, exercise_url, template_vars
from .layout import ClassLayout


def configure_z2jh(c, environ=None) -> ClassInfo:
    """Set the class's login page, authenticator, landing page and trainer service on ``c``."""
    env = os.environ if environ is None else environ
    layout = ClassLayout(Path(env.get("OKRKIT_CLASS_DIR", "/srv/okrkit/class")))
    info = ClassInfo.load(layout)
    if info is None:
        raise RuntimeError(f"no class.json in {layout.root}: mount the one `okrkit classroom start` wrote")
    here = Path(__file__).resolve().parent
    from .login import ClassAuthenticator

    c.JupyterHub.authenticator_class = ClassAuthenticator
    c.ClassAuthenticator.user_password = env["OKRKIT_CLASS_PASSWORD"]
    c.ClassAuthenticator.trainer_password = env["OKRKIT_TRAINER_PASSWORD"]
    c.ClassAuthenticator.trainer_user = info.trainer
    c.ClassAuthenticator.allowed_users = set(info.users) | {info.trainer}
    c.ClassAuthenticator.admin_users = {info.trainer}
    c.JupyterHub.template_paths = [str(here / "templates")]
    c.JupyterHub.template_vars = template_vars(info)
    c.KubeSpawner.default_url = "/" + exercise_url().lstrip("/")
    c.KubeSpawner.environment = {"OKRKIT_LANG": info.lang, "OKRKIT_SAMPLE": info.sample}
    try:   # the live trainer view, running in the hub pod beside the hub (reads the shared class volume)
        from .service import service_roles, service_spec
    except ImportError:
        pass
    else:
        c.JupyterHub.services = [service_spec(layout, port=int(env.get("OKRKIT_SERVICE_PORT", "10101")))]
        c.JupyterHub.load_roles = service_roles(info.trainer)
    return info
