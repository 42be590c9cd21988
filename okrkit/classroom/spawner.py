"""Each participant's Jupyter server, in their own folder, as their own system user when the hub is root.

:class:`ClassSpawner` is JupyterHub's :class:`~jupyterhub.spawner.LocalProcessSpawner` (one process
per participant on this machine, The Littlest JupyterHub's model) with the class's conventions:

* the server runs in ``CLASS_DIR/home/<user>`` and starts on the first exercise (``default_url``);
* as root, it runs as the participant's system user ``okr-<user>`` (from
  :func:`okrkit.classroom.layout.system_user`), whose folder is theirs alone (mode 0700);
* when the kit's Python lives under a folder other users cannot enter (pyenv in ``/root``, say),
  the server starts in a private mount namespace where that folder is an empty tmpfs holding only
  what the server needs (bind mounts, read-only). Participants then neither run into "permission
  denied" on the interpreter nor see anything else of the trainer's home — and nothing on the
  machine has its permissions changed. This uses util-linux ``unshare`` and ``setpriv``.
* without root every server runs as the hub's own user: the folders are separate, but code run by
  one participant could read another's folder (``okrkit classroom start`` says so).
"""

from __future__ import annotations

import os
import shlex

from jupyterhub.spawner import LocalProcessSpawner
from traitlets import Bool, Dict, List, Unicode

from .layout import system_user


class ClassSpawner(LocalProcessSpawner):
    """A participant's server in their class folder, as their own system user when the hub runs as root."""

    homes = Unicode("", config=True, help="CLASS_DIR/home: one folder per user.")
    isolate = Bool(False, config=True, help="Run each server as the user's system account (needs root).")
    hidden = Dict(value_trait=List(Unicode()), config=True,
                  help="Closed folders to replace by a tmpfs, each with the paths inside it to bind back read-only.")
    stage = Unicode("", config=True, help="An empty root-only folder used as a mount point while binding.")

    def _home(self) -> str:
        return os.path.join(self.homes, self.user.name)

    def make_preexec_fn(self, name):
        if not self.isolate:
            return None
        return None  # the user switch happens in the wrapper command (see _wrapper), after the mounts

    def user_env(self, env):
        env["HOME"] = self._home()
        env["SHELL"] = "/bin/sh"
        env["USER"] = system_user(self.user.name) if self.isolate else os.environ.get("USER", "")
        return env

    def _wrapper(self) -> list[str]:
        account = system_user(self.user.name)
        steps = []
        s = shlex.quote(self.stage)
        for closed, keep in sorted(self.hidden.items()):
            steps += [f"mount --bind {shlex.quote(closed)} {s}",
                      f"mount -t tmpfs -o mode=0755,size=1m okrkit-hidden {shlex.quote(closed)}"]
            for path in keep:
                q = shlex.quote(path)
                inside = shlex.quote(os.path.join(self.stage, os.path.relpath(path, closed)))
                steps += [f"mkdir -p {q}", f"mount --bind {inside} {q}"]
                if not path.startswith(self.homes):
                    steps.append(f"mount -o remount,bind,ro {q}")
            steps.append(f"umount -l {s}")
        switch = (f"cd {shlex.quote(self._home())} && exec setpriv --reuid={shlex.quote(account)} "
                  f"--regid={shlex.quote(account)} --init-groups sh -c \"exec $0\"")
        script = " && ".join([*steps, switch]) if steps else switch
        return ["unshare", "--mount", "--propagation", "private", "sh", "-c", script]

    async def start(self):
        if self.isolate:
            self.shell_cmd = self._wrapper()
        return await super().start()
