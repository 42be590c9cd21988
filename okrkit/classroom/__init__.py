"""A class served from one machine: JupyterHub for a roster, a live trainer view, collect, grade, hand back.

The class's folder layout (:mod:`okrkit.classroom.layout`) is the contract between the hub
configuration, the participants' servers and the trainer service.
"""
