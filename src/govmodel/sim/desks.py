"""Desks: SimPy resources that a document takes without an event when it is free, and gives
back without one (issue #11).

SimPy's ``request()`` schedules an event even when the resource is free (the process resumes
at the same instant), and ``release()`` schedules another before the next request in the queue
is granted: three events per act where one (the service time) is needed when nobody waits. A
:class:`Desk` (FIFO) or :class:`PriorityDesk` behaves as SimPy's ``Resource`` /
``PriorityResource`` for every other user (absences and meetings take it with ordinary
requests), and adds:

* :meth:`~_Fast.take_now`: the desk if it has a free slot and nobody is queued (exactly when
  SimPy would grant a request at once), without an event; None otherwise (then request it);
* :meth:`~_Fast.give_back`: release at once and grant the head of the queue, as processing
  SimPy's release event would (its ``_trigger_put`` grants one request per call), without
  scheduling that event.

The order in which desks serve documents is SimPy's (first come first served, by priority
for a :class:`PriorityDesk`); only events at the same instant are processed in a different
order, which no measure depends on (tests/sim/test_sim_desks.py runs both ways).
"""

from __future__ import annotations

from typing import Any

import simpy

__all__ = ["Desk", "PriorityDesk", "AnyDesk", "HELD"]

HELD: Any = object()
"""The token a slot taken by :meth:`_Fast.take_now` holds in ``users`` (no request event)."""


class _Fast:
    users: list[Any]
    put_queue: Any
    _capacity: int

    def take_now(self) -> Any:
        """A slot at once if one is free and nobody waits (the token to give back), else None."""
        if len(self.users) < self._capacity and not self.put_queue:
            self.users.append(HELD)
            return HELD
        return None

    def give_back(self, held: Any) -> None:
        """Release a slot (a token of :meth:`take_now` or a granted request) and grant the
        next request in the queue, at once."""
        users = self.users
        users.remove(held)
        queue = self.put_queue
        if queue:  # SimPy's _trigger_put, which grants one request per call, inlined
            req = queue.pop(0)
            users.append(req)
            req.usage_since = req.env.now
            req.succeed()


class Desk(_Fast, simpy.Resource):  # type: ignore[misc]
    """A FIFO resource with :meth:`take_now` / :meth:`give_back`."""


class PriorityDesk(_Fast, simpy.PriorityResource):  # type: ignore[misc]
    """A priority resource with :meth:`take_now` / :meth:`give_back`."""


AnyDesk = Desk | PriorityDesk
"""A person's desk or an institution's resource in a run."""
