"""The states of the aggregates, the sets the business names, and where a Bid may go next.

Each state is a `StrEnum`: it equals, hashes and serialises as its plain string, so stored
events, snapshots and read-model rows keep exactly the strings they always had. A snapshot
reads its status back as a plain string; it still compares equal to the member.
"""

from __future__ import annotations

from enum import StrEnum


class BidStatus(StrEnum):
    """Where an RFQ stands, from the buyer's request to a completed contract."""

    REQUESTED = "requested"
    QUALIFIED = "qualified"
    DECLINED = "declined"
    QUOTED = "quoted"
    # The buyer asked for a revised quote; the quote in hand stays the one to answer.
    REVISION_REQUESTED = "revision_requested"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    EXPIRED = "expired"
    AWARDED = "awarded"
    COMPLETED = "completed"


class MembershipStatus(StrEnum):
    """Where a company stands in one consortium."""

    INVITED = "invited"
    JOINED = "joined"
    SUSPENDED = "suspended"  # for arrears
    DECLINED = "declined"
    LEFT = "left"


class FeeStatus(StrEnum):
    """Where one assessed fee stands."""

    ASSESSED = "assessed"
    PAID = "paid"
    FAILED = "failed"
    REFUNDED = "refunded"
    CREDITED = "credited"  # a credit note took off all that was due: nothing is owed


class ConsortiumStatus(StrEnum):
    """Where a consortium stands, from formation to dissolution."""

    PROPOSED = "proposed"
    ESTABLISHED = "established"
    SUSPENDED = "suspended"
    DISSOLVED = "dissolved"


class AccountStanding(StrEnum):
    """Whether a person can sign in: open or closed (events), the rest beside the events."""

    OPEN = "open"
    CLOSED = "closed"
    INVITED = "invited"  # no password yet; the invitation can still be used
    INVITATION_EXPIRED = "invitation expired"


class ContributionStatus(StrEnum):
    """Where one member's contribution to a stage of a bid stands (read models only)."""

    REQUESTED = "requested"
    COMMITTED = "committed"
    WITHDRAWN = "withdrawn"


# Where each Bid status may lead; the Bid refuses every other move.
BID_TRANSITIONS: dict[BidStatus, frozenset[BidStatus]] = {
    BidStatus.REQUESTED: frozenset({BidStatus.QUALIFIED, BidStatus.DECLINED}),
    BidStatus.QUALIFIED: frozenset({BidStatus.DECLINED, BidStatus.QUOTED}),
    BidStatus.QUOTED: frozenset({BidStatus.ACCEPTED, BidStatus.REJECTED, BidStatus.EXPIRED,
                                 BidStatus.REVISION_REQUESTED}),
    # A revised quote goes out (quoted again), or the buyer settles the one in hand, or it
    # lapses before a revision comes.
    BidStatus.REVISION_REQUESTED: frozenset({BidStatus.QUOTED, BidStatus.ACCEPTED,
                                             BidStatus.REJECTED, BidStatus.EXPIRED}),
    BidStatus.ACCEPTED: frozenset({BidStatus.AWARDED}),
    BidStatus.AWARDED: frozenset({BidStatus.COMPLETED}),
}

# Named sets are tuples: SQL `in_` takes them as they are, in a stable order.

# The RFQs still awaiting the consortium's answer to the buyer: not yet declined or quoted.
AWAITING = (BidStatus.REQUESTED, BidStatus.QUALIFIED)
# Taken on by the consortium, so its members' contributions are part of the story.
TAKEN_ON = (BidStatus.QUALIFIED, BidStatus.QUOTED, BidStatus.REVISION_REQUESTED,
            BidStatus.ACCEPTED, BidStatus.AWARDED, BidStatus.COMPLETED)
# A quote is out or accepted, or a contract is running: work the consortium is carrying.
UNDER_WAY = (BidStatus.QUOTED, BidStatus.REVISION_REQUESTED, BidStatus.ACCEPTED,
             BidStatus.AWARDED)
# A quote went out and the buyer never answered it, in time or at all (asking for a
# revision is not an answer: the quote in hand still waits for one).
UNANSWERED_QUOTE = (BidStatus.QUOTED, BidStatus.REVISION_REQUESTED, BidStatus.EXPIRED)
# A quote is out and the buyer may still accept or decline it.
QUOTE_OPEN = (BidStatus.QUOTED, BidStatus.REVISION_REQUESTED)
# The members' prices may still change: the first quote is being priced, or a revision.
PRICING = (BidStatus.QUALIFIED, BidStatus.REVISION_REQUESTED)
# The buyer may still ask a question: from the request until the quote is answered.
QUESTIONS_OPEN = (BidStatus.REQUESTED, BidStatus.QUALIFIED, *QUOTE_OPEN)
# A contract was signed: the public record of the consortium's work.
CONTRACTED = (BidStatus.AWARDED, BidStatus.COMPLETED)
# Where an RFQ ends: nothing can happen to it any more, as no move leads out of these.
ENDED = tuple(status for status in BidStatus if not BID_TRANSITIONS.get(status))

# Signed the agreement and have not left, in good standing or suspended for arrears.
MEMBER = (MembershipStatus.JOINED, MembershipStatus.SUSPENDED)
# Turned the invitation down or left: such a company declares nothing more.
GONE = (MembershipStatus.DECLINED, MembershipStatus.LEFT)
# Still on the consortium's list: a prospect or a member.
LISTED = (MembershipStatus.INVITED, *MEMBER)

# Still owed: assessed, or an attempt to pay failed.
UNPAID = (FeeStatus.ASSESSED, FeeStatus.FAILED)
# The money arrived, whether or not some of it went back since.
SETTLED = (FeeStatus.PAID, FeeStatus.REFUNDED)

# Formed, whether trading or suspended, and not dissolved.
FORMED = (ConsortiumStatus.ESTABLISHED, ConsortiumStatus.SUSPENDED)
