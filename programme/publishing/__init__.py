"""The publication workflow: who may change what the public sees, and how."""
