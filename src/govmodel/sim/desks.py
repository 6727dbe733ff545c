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
* :meth:`~_Fast.wait_turn`: a place in the queue when it was not free (a lighter request);
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
from simpy.events import PENDING

__all__ = ["Desk", "PriorityDesk", "AnyDesk", "HELD", "Turn"]

HELD: Any = object()
"""The token a slot taken by :meth:`_Fast.take_now` holds in ``users`` (no request event)."""


class Turn(simpy.Event):
    """A place in a desk's queue, triggered when the desk is the waiter's: SimPy's request
    without what only a request made while the desk may be free needs (its put and get
    triggers); ordered in a :class:`PriorityDesk`'s queue by the same key as SimPy's
    ``PriorityRequest`` (priority, time, preemption flag)."""

    def __init__(self, desk: Any, key: tuple[int, float, bool]):
        self.env = desk._env  # simpy.Event.__init__, inlined
        self.callbacks: list[Any] = []
        self._value = PENDING
        self.key = key
        self.desk = desk

    def cancel(self) -> None:
        """Leave the queue (if not yet granted), as SimPy's ``Request.cancel``."""
        if not self.triggered:
            self.desk.put_queue.remove(self)


class _Fast:
    users: list[Any]
    put_queue: Any
    _capacity: int
    _env: simpy.Environment

    def take_now(self) -> Any:
        """A slot at once if one is free and nobody waits (the token to give back), else None."""
        if len(self.users) < self._capacity and not self.put_queue:
            self.users.append(HELD)
            return HELD
        return None

    def wait_turn(self, priority: int) -> Turn:
        """A place in the queue (after :meth:`take_now` said None), granted in SimPy's order."""
        turn = Turn(self, (priority, self._env.now, False))
        self.put_queue.append(turn)
        if len(self.users) < self._capacity:  # free, but a SimPy release is still in flight
            self._trigger_put(None)  # type: ignore[attr-defined]  # SimPy's, later in the MRO
        return turn

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
