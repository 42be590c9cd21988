"""Workshop login for the class hub: choose your name from the roster, type the class password.

Built on JupyterHub's own :class:`~jupyterhub.authenticators.shared.SharedPasswordAuthenticator`
(one password for every participant), with two changes a class needs:

* only names on the roster can log in (``allowed_users``), so a typo cannot create a stray account;
* the trainer has a password of their own, short enough to type at a projector. JupyterHub's
  ``admin_password`` must be 32 characters long, so the trainer's is checked here instead, and the
  class password never opens the trainer's account.

The login page (``templates/login.html``) shows the roster as a select list and turns a refusal
into a message in the class's language: an unknown name and a wrong password are told apart.
"""

from __future__ import annotations

from secrets import compare_digest

from jupyterhub.authenticators.shared import SharedPasswordAuthenticator
from traitlets import Unicode


class ClassAuthenticator(SharedPasswordAuthenticator):
    """One class password for the roster's names, a separate password for the trainer."""

    trainer_password = Unicode("", config=True, help="The trainer account's password.")
    trainer_user = Unicode("trainer", config=True, help="The trainer's user name.")

    def normalize_username(self, username):
        return " ".join((username or "").split()).lower()

    async def authenticate(self, handler, data):
        name = self.normalize_username(data.get("username", ""))
        password = data.get("password", "") or ""
        if name == self.trainer_user:
            if self.trainer_password and compare_digest(password.encode(), self.trainer_password.encode()):
                return {"name": name, "admin": True}
            return None
        if name not in self.allowed_users:
            return None
        if self.user_password and compare_digest(password.strip().lower().encode(), self.user_password.lower().encode()):
            return {"name": name, "admin": False}
        return None
