"""One way to run work off the event loop: a worker whose answer comes back as a message.

A screen (or the app) marks a method `@in_thread(SomeJob.X, "what it does")`. Calling the
method starts a thread worker that runs it; the `Message` it returns is posted to the node
that started it, to be received by a typed `@on(...)` handler. Whatever the method raises
comes back as `Failed(job, error)`, which each screen handles in one place. An answer from a
worker cancelled meanwhile (an exclusive worker started again, a step gone back from, the
app quitting) is dropped, as a stale search result is.

Store calls never run on the event loop: a store locked by a long write elsewhere must not
freeze the screen. `on_loop` is the same for work done on the loop in slices (the list's
search of a big shop), so both kinds answer and fail alike.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from enum import StrEnum
from functools import wraps
from typing import Concatenate, ParamSpec, TypeVar

from textual.dom import DOMNode
from textual.message import Message
from textual.worker import Worker, get_current_worker

__all__ = ["Failed", "Job", "cancel", "in_thread", "on_loop", "running"]

P = ParamSpec("P")
N = TypeVar("N", bound=DOMNode)

Answer = Message | None
Starter = Callable[Concatenate[N, P], Worker[None]]


class Job(StrEnum):
    """The jobs of one screen (subclass it); a job is also its workers' group."""


@dataclass
class Failed(Message):
    """A job raised `error` instead of answering; its screen words it for the user."""

    job: Job
    error: Exception


def _deliver(node: DOMNode, job: Job, answer: Answer | Exception) -> None:
    """Post the answer (or the failure) unless the worker was cancelled since it started."""
    if get_current_worker().is_cancelled or answer is None:
        return
    node.post_message(Failed(job, answer) if isinstance(answer, Exception) else answer)


def in_thread(
    job: Job, description: str, *, exclusive: bool = False
) -> Callable[[Callable[Concatenate[N, P], Answer]], Starter[N, P]]:
    """Run the decorated method in a thread worker; post what it returns (or `Failed`).

    `exclusive` cancels the node's running worker of the same job first (its answer is
    then dropped): for loads and reads, where only the latest question matters. Writes are
    not exclusive: a cancelled write would still be written, only its answer lost.
    """

    def decorate(method: Callable[Concatenate[N, P], Answer]) -> Starter[N, P]:
        @wraps(method)
        def start(node: N, /, *args: P.args, **kwargs: P.kwargs) -> Worker[None]:
            def run() -> None:
                answer: Answer | Exception
                try:
                    answer = method(node, *args, **kwargs)
                except Exception as error:  # every failure ends in the screen's one handler
                    answer = error
                _deliver(node, job, answer)

            return node.run_worker(
                run,
                name=method.__name__,
                group=job,
                description=description,
                exclusive=exclusive,
                thread=True,
                exit_on_error=False,
            )

        return start

    return decorate


def on_loop(
    job: Job, description: str, *, exclusive: bool = False
) -> Callable[[Callable[Concatenate[N, P], Awaitable[Answer]]], Starter[N, P]]:
    """`in_thread` for a coroutine that runs on the event loop, pausing between slices."""

    def decorate(method: Callable[Concatenate[N, P], Awaitable[Answer]]) -> Starter[N, P]:
        @wraps(method)
        def start(node: N, /, *args: P.args, **kwargs: P.kwargs) -> Worker[None]:
            async def run() -> None:
                answer: Answer | Exception
                try:
                    answer = await method(node, *args, **kwargs)
                except Exception as error:
                    answer = error
                _deliver(node, job, answer)

            return node.run_worker(
                run,
                name=method.__name__,
                group=job,
                description=description,
                exclusive=exclusive,
                exit_on_error=False,
            )

        return start

    return decorate


def running(node: DOMNode, job: Job) -> bool:
    """Whether a worker of `job` that `node` started is still at work."""
    return any(w.node is node and w.group == job and not w.is_finished for w in node.workers)


def cancel(node: DOMNode, job: Job) -> None:
    """Cancel `node`'s workers of `job`: their answers will not arrive."""
    node.workers.cancel_group(node, job)
