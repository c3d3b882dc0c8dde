"""Accounts: who may see and change what, as memberships of offices with a role."""
