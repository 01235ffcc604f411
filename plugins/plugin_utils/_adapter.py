# -*- coding: utf-8 -*-
# Copyright: (c) 2025, asyncops.cloud contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Adapter: the contract between one provider's API and the provider-neutral engine and runners.

A provider subclasses it (_gcore.GcoreAdapter, _gpcn.GpcnAdapter) and implements the required
methods; the hooks have defaults that suit an API whose polling round costs the same whatever
IDs it holds. The engine and the runners use nothing else of an adapter, and never its client.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type


class Adapter(object):
    """One provider's tasks, read through one HttpClient (or a test double of it).

    ``client`` needs ``request_count`` and ``set_deadline(deadline, clock)``, plus the verbs
    the subclass uses (``get``, ``post``).
    """

    #: "gcore" or "gpcn": the ``provider`` of every record this adapter makes.
    provider = None

    #: Scheduling hook. None: a round costs the same whatever IDs it holds (a list sweep), so the
    #: engine polls every pending ID each round. A number: a round costs one request per this many
    #: IDs, so the engine gives each ID its own due time and polls only the due ones.
    batch_size = None

    def __init__(self, client):
        self._client = client

    # -- required -----------------------------------------------------------------------------

    def poll(self, ids, hints=None):
        """One polling round: a PollResult holding every ID, in ``records`` or in ``errors``.

        ``errors`` are per-ID problems (404, not visible to this key); any other failure is
        raised. ``hints`` (``project_id``, ``region_id``) may narrow the first round.
        """
        raise NotImplementedError

    def default_interval(self, record, polls_done=0):
        """Seconds until the next poll of a task like ``record`` (None: type unknown yet)."""
        raise NotImplementedError

    def default_timeout(self, record):
        """Seconds a task like ``record`` may normally take (None: type unknown yet)."""
        raise NotImplementedError

    @staticmethod
    def task_ids_of(response):
        """The task IDs a write response of this API names, in order, each once.

        Raises ValueError (saying which shape was expected) when the body names none.
        """
        raise NotImplementedError

    # -- hooks with defaults --------------------------------------------------------------------

    def predict_finish(self, record, earlier=None, seconds_since_earlier=None):
        """Seconds from when ``record`` was seen until the task should end, or None (no idea).

        ``earlier`` is the record seen ``seconds_since_earlier`` before it, if any.
        """
        return None

    def typical_duration(self, record):
        """(shortest, longest) seconds a task like ``record`` typically takes, as the provider
        documents it, or None (unknown): where the engine expects ends (_likely_ends)."""
        return None

    def max_poll_gap(self, record, elapsed):
        """The longest gap between two polls of a task whose finish is predicted, ``elapsed``
        seconds into the wait: by default the task's first interval."""
        return self.default_interval(record, 0)

    # -- the client, as far as the engine and runners need it -----------------------------------

    @property
    def request_count(self):
        """Every HTTP attempt this adapter's client made so far (what the server counts)."""
        return self._client.request_count

    @property
    def bytes_received(self):
        """Bytes of every answer body this adapter's client read so far (decoded; 0 when the
        client does not count them)."""
        return getattr(self._client, "bytes_received", 0)

    @property
    def api_url(self):
        """The base URL this adapter's client talks to (for messages), or None."""
        return getattr(self._client, "base_url", None)

    def set_deadline(self, deadline, clock=None):
        """Bound every later request's own retries by a monotonic ``deadline`` (None lifts it)."""
        self._client.set_deadline(deadline, clock)
