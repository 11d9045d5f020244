#!/usr/bin/env python3
"""Generate a synthetic ccag records repository for benchmarks.

    python3 bench/generate.py N OUTDIR [--invalid-share 0.01] [--seed 1]
        [--open-share F] [--warning-share F] [--text-length M] [--updates K]

Writes OUTDIR/records/<kind folder>/.../<id>.yaml with N records spread across
the kinds roughly like a real group's (35% actions, 35% crs, 10% each risks,
milestones, meetings), a copy of the schemas under OUTDIR/schemas/ (so the
`$schema=` comments resolve) and OUTDIR/bench-manifest.json (counts per kind,
and which files carry which defect).

Every record is valid against the JSON Schemas and ccag's semantic rules
(ids unique and equal to the file name, an action's meeting exists, cr ids
match their body's reference pattern, dates real and ordered, `closed` iff
status closed, milestone `actual` only when complete, `related` ids resolve),
except for the --invalid-share fraction of files, which get exactly one
realistic defect each. Output is deterministic for a given N, options and seed.

Options that change the mix (their defaults give exactly the output of earlier versions):

  --open-share F     fraction of actions that are not closed (open, ongoing or
                     recommend-closed, in equal parts). Default: by age, as before (most actions
                     older than a year closed). Open actions keep their due dates, so most of
                     them are past due: `overdue-action` warnings, whatever --warning-share says.
  --warning-share F  fraction of files (chosen among actions and crs without a defect: the only
                     kinds with warning rules) given one warning-only finding, taking turns:
                     actions `overdue-action` (made open, due before 2026-09-30) or
                     `unresolved-related` (a `related` id that matches no record); crs
                     `stale-decision` (decision-pending, decision date before 2026-09-30) or
                     `unresolved-related`. These files have no error. Default 0.
  --text-length M    multiplier (>= 1) on the length of free text: titles, summaries, update
                     texts, impact and impact_note, mitigations, positions. Extra sentences or
                     clauses come from the same pools (repeating when a pool runs out); long
                     text is written as `>-` block scalars. Meetings are unchanged. Default 1.
                     The extra text is drawn from a separate random stream, so a set differs
                     from the M = 1 set of the same seed only in its texts.
  --updates K        at most K `updates` items per action and cr (at least 1). Default 3.

The overdue and stale-decision warnings hold for any --today on or after 2026-09-30.

Standard library only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import random
import shutil
import sys

# ---------------------------------------------------------------------------
# Word pools (the MHHS / code-change world of the sample records).

ORGS = [
    "Programme", "BSC", "BSC Representative", "REC Code Manager", "DCUSA",
    "CUSC", "SEC", "Elexon", "NGESO", "Ofgem", "Secretariat", "Chair",
    "Code Bodies", "Supplier Agent (Independent) Representative",
    "DNO Representative", "Supplier Representative", "CDWG", "RECCo",
]
PEOPLE = [
    "Andrew Margan", "Chris Day", "Lawrence Jones", "Chris Welby", "Paul Pettitt",
    "Jenny Boothe", "Fraser Mathieson", "Claire Hynes", "Kate Goodman",
    "Tom Chevalier", "Sarah Jones", "Rachel Clarke", "Ian Smith", "Gemma Slaney",
    "Richard Vernon", "Nicola Griffiths", "Mark Baxter", "Helen Bray",
]
VERBS = [
    "issue", "confirm", "circulate", "review", "publish", "update", "share",
    "provide", "assess", "clarify", "raise", "present", "consider", "check",
]
OBJECTS = [
    "the latest Change Control Log to CCAG members",
    "how sub meters proposed within the modification will be managed in terms of registration",
    "the impact assessment of the change request on the Code Drafting Plan",
    "the revised timetable for the consequential code changes",
    "the legal text for the Design baseline",
    "the list of code changes affected by the Design Issue Notice",
    "an update on the horizon scanning entries for the next meeting",
    "the approach to baselining code against a point in time",
    "the scope of the licence changes needed to enable the MHHS TOM",
    "the register of consequential changes with the Code Bodies",
    "the dependencies between the migration milestones and code delivery",
    "the terms of reference of the Code Drafting Working Group",
    "whether the change requires a Programme change request",
    "the transition arrangements for the Market Participant Role Codes",
]
UPDATE_TEXTS = [
    "Verbal update to be provided during the meeting.",
    "The link was issued to CCAG members and the Change Control Log was published on the Collaboration Base.",
    "Action remains open pending the outcome of the impact assessment; an update is expected at the next meeting.",
    "The owner confirmed the approach at the working group and will circulate a note to members.",
    "Discussed at the CDWG; the drafting has been updated to reflect the comments received from Code Bodies.",
    "Recommend closure: the information requested was provided in the meeting papers.",
    "Timeline agreed with the Programme; the revised plan will be presented with the milestone update.",
    "Awaiting confirmation from the Code Body on the implementation date before the action can be closed.",
    "The Programme has written to the relevant parties and is collating the responses received.",
    "Further analysis is required to confirm whether any consequential change to the code is needed.",
]
CR_TOPICS = [
    "Market Participant Role Code format", "Energy Direction change restriction",
    "Meter Operator Agent and MOCoP Installer", "backdating of rebates and charges",
    "Section N modernisation", "interconnector fuel type categories",
    "clock midnight for appointments and reads", "migration message choreography",
    "Registration Service interface changes", "non-functional requirements for DNO roles",
    "unmetered supplies registrations", "settlement data retention periods",
    "smart meter read scheduling", "load shaping service parameters",
    "data access for half hourly settlement", "disputes process for settlement errors",
    "supplier of last resort arrangements", "metering point address data quality",
]
CR_VERBS = ["Amend", "Introduce", "Clarify", "Remove", "Align", "Update", "Create", "Simplify"]
SUMMARY_SENTENCES = [
    "The change would alter the obligations of parties under the code so that they align with the MHHS target operating model.",
    "Currently the arrangements do not reflect the limitations within the current industry processes, and a change is proposed to address this.",
    "If approved, it will impact the Programme Design and the Code Drafting Plan, and a Programme change request may be required.",
    "The proposer considers that the change improves data accuracy without requiring a new registration of the metering point.",
    "A Design Resolution Group reviewed the redlining of the change and agreed the approach for the next interim release.",
    "Legal text has been drafted and will be issued for consultation alongside the impact assessment.",
    "The working group noted that the change may interact with other modifications in flight and asked for an assessment.",
    "The Panel agreed that the change should progress to the assessment procedure with a report due within three months.",
]
POSITIONS = [
    "Majority support approval", "DNOs and Suppliers supportive", "New change proposal",
    "Mixed views; further workgroup meetings planned", "No stakeholder positions yet",
    "Unanimous support at the Panel", "Some concerns raised by Suppliers on cost",
]
DECIDERS = {
    "BSC": ["BSC Panel", "BSCCo", "ISG", "SVG"],
    "REC": ["REC Change Panel", "REC Code Manager"],
    "DCUSA": ["DCUSA Panel", "Ofgem"],
    "CUSC": ["CUSC Panel", "Ofgem"],
    "SEC": ["SEC Panel", "Change Board"],
    "MHHS": ["DAG", "PSG", "TMAG", "MWG"],
}
LINK_BASE = {
    "BSC": "https://www.elexon.co.uk/mod-proposal/",
    "REC": "https://www.retailenergycode.co.uk/change/",
    "DCUSA": "https://www.dcusa.co.uk/change/",
    "CUSC": "https://www.nationalgrideso.com/industry-information/codes/cusc/modifications/",
    "SEC": "https://smartenergycodecompany.co.uk/modifications/",
    "MHHS": "https://www.mhhsprogramme.co.uk/programme-information/programme-change-control/",
}
IMPACT_NOTES = [
    "Design impacted", "DCUSA consequential change", "No impact on MHHSP expected",
    "Impact on Code Drafting. Awaiting Programme CR to be raised", "Impact already assessed",
    "Potential impact if not implemented",
]
RISK_TITLES = [
    "There is a risk that the Design or queries related to Design are not completed or provided in time and as a result do not provide the information required to enable Code drafting delivery",
    "There is a risk that Code Bodies do not have the resources to deliver the consequential changes in line with the Programme timeline",
    "There is a risk that the legal text is not baselined in time for the industry consultation on the code changes",
    "There is a risk that changes raised under the codes during the Programme conflict with the MHHS Design",
    "There is a risk that licence changes are not made in time to enable the MHHS target operating model",
    "There is a risk that participants do not engage with the code drafting consultations",
]
RISK_IMPACTS = [
    "A delay to resolving Design queries will result in a delay to Code delivery",
    "Consequential changes are delivered late and the migration timeline is put at risk",
    "The code baseline is not aligned with the Design at go-live",
    "Rework of drafted code and additional consultation rounds",
]
MITIGATIONS = [
    "Design process (DIN Process) set up to resolve Design queries",
    "Amend Code Drafting Plan to accommodate outstanding Design areas",
    "Monitor DIN Volumes",
    "Code is baselined against a point in time and after this time, changes are picked up by a CR or post M6 agreed process.",
    "Regular engagement with Code Bodies through the CDWG",
    "Escalate resourcing concerns to the Programme Steering Group",
    "Horizon scanning log reviewed at each CCAG meeting",
]
MS_WORKSTREAMS = ["RE", "MI", "QU", "DS", "CD", "TR"]
MS_TITLES = [
    "Data Services approved at CCAG", "Governance, Migration and Qualification approved at CCAG",
    "Consequential changes drafted by Code Bodies", "Legal text issued for industry consultation",
    "Code drafting baselined", "Licence changes consulted on by Ofgem",
    "Qualification code changes approved", "Transition code changes approved",
]
AGENDA = [
    ("Welcome and Introductions", None, "information", "Chair", 5, None),
    ("Minutes and Actions", "Approve minutes of previous meeting and review outstanding actions",
     "decision", "Chair & Secretariat", 10, ["actions"]),
    ("Programme Updates", "Updates from MHHS Programme governance groups and the wider Programme",
     "information", "Programme (PMO)", 5, None),
    ("Horizon Scanning Log", "Updates from all Code Bodies and the Programme on changes which may impact MHHS Programme",
     "discussion", "Programme & Code Bodies", 25, ["crs"]),
    ("CCAG Reporting, Risks and Milestones", "Overall Programme status, risks and milestones updates",
     ["information", "decision"], "Programme (Andrew Margan)", 10, ["risks", "milestones"]),
    ("CDWG Update", "Updates from the Code Drafting Working Group (CDWG)", "information",
     "Programme (Andrew Margan)", 5, None),
    ("Summary and Next Steps", "Summarise meeting actions and next steps", "information",
     "Chair & Secretariat", 5, None),
]

# Clauses that --text-length appends to titles (one per object or topic, so none repeats).
ACTION_CLAUSES = [f"{VERBS[(3 * i + 1) % len(VERBS)]} {o}" for i, o in enumerate(OBJECTS)]
CR_CLAUSES = [f"{CR_VERBS[(3 * i + 1) % len(CR_VERBS)].lower()} the {t}" for i, t in enumerate(CR_TOPICS)]
RISK_CLAUSES = [f"as a result, {i[0].lower()}{i[1:]}" for i in RISK_IMPACTS] + [
    "there is also a risk that " + t.removeprefix("There is a risk that ") for t in RISK_TITLES]

# Bodies with bounded reference patterns: (body, share of crs, id generator capacity).
# BSC takes the rest: CP\d{4} first, then P\d{3,} which is unbounded.
BOUNDED = [
    ("REC", 0.12, 9999),     # R0001..R9999
    ("DCUSA", 0.08, 999),    # DCP001..DCP999
    ("CUSC", 0.06, 999),     # CMP001..CMP999
    ("SEC", 0.05, 999),      # MP001..MP999
    ("MHHS", 0.09, 1998),    # CR001..CR999, DIN001..DIN999
]

# ---------------------------------------------------------------------------
# Dates: ISO strings by ordinal, cached.

_DATE_CACHE: dict[int, str] = {}


def iso(ordinal: int) -> str:
    s = _DATE_CACHE.get(ordinal)
    if s is None:
        s = dt.date.fromordinal(ordinal).isoformat()
        _DATE_CACHE[ordinal] = s
    return s


START = dt.date(2016, 1, 6).toordinal()
END = dt.date(2026, 6, 24).toordinal()
# "Now" for the generated history: fixed, not the real date, so that output depends on the
# seed alone. Action statuses, update dates and pending decision dates are drawn relative to it.
TODAY = dt.date(2026, 9, 30).toordinal()
ACTION_OPEN = ("open", "ongoing", "recommend-closed")

# ---------------------------------------------------------------------------
# YAML rendering helpers.

_PLAIN_BAD_START = set("-?:,[]{}#&*!|>'\"%@`")


def plain_ok(s: str) -> bool:
    return (
        bool(s)
        and s[0] not in _PLAIN_BAD_START
        and not s[0].isspace()
        and not s[-1].isspace()
        and ": " not in s
        and " #" not in s
        and not s.endswith(":")
        and "\n" not in s
    )


def wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    cur = ""
    for word in text.split(" "):
        if not cur:
            cur = word
        elif len(cur) + 1 + len(word) <= width:
            cur += " " + word
        else:
            lines.append(cur)
            cur = word
    if cur:
        lines.append(cur)
    return lines


def scalar(key: str, text: str, indent: int) -> str:
    """`key: text` at `indent`, as a plain scalar, or a folded block when long."""
    pad = " " * indent
    if len(text) + len(key) + indent + 2 <= 96 and plain_ok(text):
        return f"{pad}{key}: {text}\n"
    body_pad = pad + "  "
    lines = wrap(text, 88 - len(body_pad))
    return f"{pad}{key}: >-\n" + "".join(f"{body_pad}{ln}\n" for ln in lines)


def list_item_text(text: str, indent: int) -> str:
    """A `- text` list entry."""
    pad = " " * indent
    if len(text) + indent + 2 <= 96 and plain_ok(text):
        return f"{pad}- {text}\n"
    lines = wrap(text, 88 - indent - 6)
    return f"{pad}- >-\n" + "".join(f"{pad}    {ln}\n" for ln in lines)


def updates_block(dates: list[int], texts: list[str]) -> str:
    out = ["updates:\n"]
    for d, t in zip(dates, texts):
        out.append(f"  - date: {iso(d)}\n")
        out.append(scalar("text", t, 4))
    return "".join(out)


def related_block(ids: list[str]) -> str:
    return "related:\n" + "".join(f"  - {i}\n" for i in ids)


# A record is a list of (key, text) entries; key "#" marks a comment line.
Entries = list


def render(header: str, entries: Entries) -> str:
    return header + "".join(t for _, t in entries)


def find(entries: Entries, key: str) -> int:
    for i, (k, _) in enumerate(entries):
        if k == key:
            return i
    return -1


# ---------------------------------------------------------------------------


class Gen:
    def __init__(self, n: int, seed: int, open_share: float | None = None,
                 text_length: float = 1.0, max_updates: int = 3):
        self.rng = random.Random(seed)
        # Extra text for --text-length comes from its own stream, so that the records' structure
        # (ids, dates, statuses) does not depend on it.
        self.trng = random.Random(seed * 7_777_777 + 29)
        self.n = n
        self.open_share = open_share
        self.text_length = text_length
        self.max_updates = max_updates
        self.plan()

    # -- ids -----------------------------------------------------------------

    def plan(self) -> None:
        n = self.n
        rng = self.rng
        n_meet = max(1, round(n * 0.10))
        n_risk = round(n * 0.10)
        n_ms = round(n * 0.10)
        n_act = round(n * 0.35)
        n_cr = n - n_meet - n_risk - n_ms - n_act
        if n_cr < 0:  # tiny N
            n_act += n_cr
            n_cr = 0
        self.meetings = [f"CCAG{m}" for m in range(1, n_meet + 1)]
        # Meeting dates spread evenly over START..END, in meeting-number order.
        span = END - START
        self.meeting_date = [START + (span * i) // max(1, n_meet - 1) for i in range(n_meet)]

        # Actions: round-robin over meetings, with a per-meeting sequence.
        seq = [0] * n_meet
        self.actions: list[tuple[str, int]] = []  # (id, meeting index)
        for i in range(n_act):
            m = (i * 7919) % n_meet if n_meet > 1 else 0
            seq[m] += 1
            self.actions.append((f"CCAG{m + 1}-{seq[m]:02d}", m))

        # CRs per body.
        self.crs: list[tuple[str, str]] = []  # (id, body)
        left = n_cr
        for body, share, cap in BOUNDED:
            k = min(cap, int(n_cr * share), left)
            left -= k
            if body == "REC":
                ids = [f"R{j:04d}" for j in range(1, k + 1)]
            elif body == "DCUSA":
                ids = [f"DCP{j:03d}" for j in range(1, k + 1)]
            elif body == "CUSC":
                ids = [f"CMP{j:03d}" for j in range(1, k + 1)]
            elif body == "SEC":
                ids = [f"MP{j:03d}" for j in range(1, k + 1)]
            else:  # MHHS
                ids = [f"CR{j:03d}" for j in range(1, min(k, 999) + 1)]
                ids += [f"DIN{j:03d}" for j in range(1, k - len(ids) + 1)]
            self.crs += [(i, body) for i in ids]
        n_cp = min(9999, left // 3)
        self.crs += [(f"CP{j:04d}", "BSC") for j in range(1, n_cp + 1)]
        left -= n_cp
        self.crs += [(f"P{j}", "BSC") for j in range(100, 100 + left)]
        rng.shuffle(self.crs)

        # Risks: R100..R999, then R10000.. (never four digits: those are REC references).
        self.risks = [f"R{j}" for j in range(100, min(1000, 100 + n_risk))]
        self.risks += [f"R{j}" for j in range(10000, 10000 + n_risk - len(self.risks))]

        # Milestones: T<tier>-<workstream>-<NNNN>.
        self.milestones = []
        per = 4 * len(MS_WORKSTREAMS)
        for i in range(n_ms):
            tier = i % 4 + 1
            ws = MS_WORKSTREAMS[(i // 4) % len(MS_WORKSTREAMS)]
            num = 100 + 10 * (i // per)
            self.milestones.append(f"T{tier}-{ws}-{num:04d}")

        self.cr_ids = [c for c, _ in self.crs]

    # -- helpers -------------------------------------------------------------

    def owner(self, indent_key: str = "owner") -> str:
        rng = self.rng
        org = rng.choice(ORGS)
        if rng.random() < 0.8:
            return f"{indent_key}:\n  org: {org}\n  person: {rng.choice(PEOPLE)}\n"
        return f"{indent_key}:\n  org: {org}\n"

    def update_dates(self, raised: int, k: int, latest: int) -> list[int]:
        latest = max(raised, latest)
        ds = sorted(self.rng.randint(raised, latest) for _ in range(k))
        return ds

    def related(self, pool: list[str], k: int, avoid: str) -> list[str]:
        out: list[str] = []
        for _ in range(k):
            r = self.rng.choice(pool)
            if r != avoid and r not in out:
                out.append(r)
        return out

    def longer(self, text: str, pool: list[str], sep: str = " ", lower: bool = False) -> str:
        """`text` extended to about --text-length times its length with pieces of `pool`.

        Pieces are taken in a shuffled order without repeats until the pool runs out (pieces
        already in `text` are skipped the first time round), then the pool is reshuffled. With
        `lower`, each piece's first letter is lower-cased (clauses after `; ` or `, and to`),
        unless the piece starts with an acronym (BSC, DNOs) or a name (Data Services).
        """
        if self.text_length == 1:
            return text
        target = round(len(text) * self.text_length)
        out = text
        order: list[str] = []
        last = None
        while len(out) < target:
            if not order:
                # A piece is "in" the text when its end is (its object, topic or sentence).
                order = [p for p in pool if p[-24:].lower() not in out.lower()] or list(pool)
                self.trng.shuffle(order)
                if len(order) > 1 and order[0] == last:
                    order.append(order.pop(0))
            piece = order.pop(0)
            last = piece
            words = piece.split(" ", 2)
            acronym = len(words[0]) > 1 and words[0][:2].isupper()  # BSC, DNOs
            name = len(words) > 1 and words[1][:1].isupper() and not words[1].isupper()  # Data Services
            if lower and not acronym and not name:
                piece = piece[0].lower() + piece[1:]
            if sep[0] in ",;" and out.endswith("."):
                out = out[:-1]
            out += sep + piece
        return out

    def n_updates(self) -> int:
        return self.rng.randint(1, self.max_updates)

    def pick_texts(self, pool: list[str], k: int) -> list[str]:
        if k <= len(pool):
            return self.rng.sample(pool, k)
        return [self.rng.choice(pool) for _ in range(k)]

    # -- kinds ---------------------------------------------------------------

    def action(self, aid: str, m: int) -> tuple[str, Entries]:
        rng = self.rng
        raised = self.meeting_date[m]
        due = raised + rng.randint(7, 120)
        age = TODAY - raised
        r = rng.random()
        if self.open_share is not None:
            if r < self.open_share:
                status = ACTION_OPEN[min(2, int(r / self.open_share * 3))]
            else:
                status = "closed"
        elif age > 365:
            status = "closed" if r < 0.93 else ("recommend-closed" if r < 0.97 else "ongoing")
        else:
            status = ("open", "ongoing", "recommend-closed", "closed")[int(r * 4)]
        org = rng.choice(ORGS)
        title = f"{org} to {rng.choice(VERBS)} {rng.choice(OBJECTS)}"
        title = self.longer(title, ACTION_CLAUSES, ", and to ")
        k = self.n_updates()
        udates = self.update_dates(raised, k, min(due + 30, max(raised, TODAY - 1)))
        texts = self.pick_texts(UPDATE_TEXTS, k)
        if rng.random() < 0.3:
            texts[-1] += " " + rng.choice(SUMMARY_SENTENCES)
        texts = [self.longer(t, UPDATE_TEXTS + SUMMARY_SENTENCES) for t in texts]
        e: Entries = [
            ("id", f"id: {aid}\n"),
            ("title", scalar("title", title, 0)),
            ("raised", f"raised: {iso(raised)}\n"),
            ("owner", f"owner:\n  org: {org}\n  person: {rng.choice(PEOPLE)}\n"),
            ("due", f"due: {iso(due)}\n"),
            ("status", f"status: {status}\n"),
        ]
        if status == "closed":
            closed = max(udates[-1], raised + rng.randint(1, 90))
            e.append(("closed", f"closed: {iso(closed)}\n"))
        e.append(("#", f"# the pack's updates are as at {iso(udates[-1])}\n"))
        e.append(("updates", updates_block(udates, texts)))
        if rng.random() < 0.4:
            rel = self.related(self.cr_ids or self.milestones or self.meetings, rng.randint(1, 2), aid)
            if rel:
                e.append(("related", related_block(rel)))
        return "# yaml-language-server: $schema=../../schemas/action.schema.json\n", e

    def cr(self, cid: str, body: str) -> tuple[str, Entries]:
        rng = self.rng
        raised = rng.randint(START, END)
        status = rng.choice([
            "raised", "definition", "under-development", "consultation", "decision-pending",
            "approved", "appeal", "implemented", "rejected", "withdrawing", "withdrawn",
        ])
        impact = rng.choice(["direct", "cr-needed", "consequential", "of-interest", "awareness", "none"])
        topic = rng.choice(CR_TOPICS)
        title = f"{rng.choice(CR_VERBS)} the {topic}"
        title = self.longer(title, CR_CLAUSES, " and ")
        summary = " ".join(rng.sample(SUMMARY_SENTENCES, rng.randint(1, 3)))
        summary = self.longer(summary, SUMMARY_SENTENCES)
        e: Entries = [("#", "# horizon scanning entry, as reported by the code body\n")]
        e += [
            ("id", f"id: {cid}\n"),
            ("body", f"body: {body}\n"),
            ("title", scalar("title", title, 0)),
            ("summary", scalar("summary", summary, 0)),
            ("raised", f"raised: {iso(raised)}\n"),
            ("status", f"status: {status}\n"),
            ("impact", f"impact: {impact}\n"),
        ]
        if rng.random() < 0.6:
            note = self.longer(rng.choice(IMPACT_NOTES), IMPACT_NOTES + RISK_IMPACTS, "; ", lower=True)
            e.append(("impact_note", scalar("impact_note", note, 0)))
        decided = status in ("approved", "appeal", "implemented", "rejected")
        if decided or (status == "decision-pending" and rng.random() < 0.3):
            if status == "decision-pending":
                dd = max(raised, TODAY) + rng.randint(90, 400)  # in the future: not (yet) stale
            else:
                dd = raised + rng.randint(20, 300)
            e.append(("decision_date", f"decision_date: {iso(dd)}\n"))
        else:
            e.append(("#", "# decision_date omitted: the pack says Decision date TBC\n"))
        if decided or rng.random() < 0.3:
            e.append(("decided_by", f"decided_by: {rng.choice(DECIDERS[body])}\n"))
        if rng.random() < 0.5:
            pos = self.longer(rng.choice(POSITIONS), POSITIONS, "; ", lower=True)
            e.append(("positions", scalar("positions", pos, 0)))
        if status in ("approved", "implemented"):
            e.append(("implementation", f"implementation: {iso(raised + rng.randint(60, 700))}\n"))
        k = self.n_updates()
        udates = self.update_dates(raised, k, raised + 400)
        texts = [" ".join(rng.sample(SUMMARY_SENTENCES, rng.randint(1, 2))) for _ in udates]
        texts = [self.longer(t, SUMMARY_SENTENCES + UPDATE_TEXTS) for t in texts]
        e.append(("updates", updates_block(udates, texts)))
        if rng.random() < 0.3:
            rel = self.related(self.cr_ids, rng.randint(1, 2), cid)
            if rel:
                e.append(("related", related_block(rel)))
        e.append(("link", f"link: {LINK_BASE[body]}{cid.lower()}/\n"))
        return "# yaml-language-server: $schema=../../../schemas/cr.schema.json\n", e

    def risk(self, rid: str) -> tuple[str, Entries]:
        rng = self.rng
        raised = rng.randint(START, END)
        e: Entries = [
            ("id", f"id: {rid}\n"),
            ("title", scalar("title", self.longer(rng.choice(RISK_TITLES), RISK_CLAUSES, "; "), 0)),
            ("impact", scalar("impact", self.longer(rng.choice(RISK_IMPACTS), RISK_IMPACTS + IMPACT_NOTES, "; ", lower=True), 0)),
            ("#", "# RAG as shown on the pack's risk chart\n"),
            ("rag", f"rag: {rng.choice(['critical', 'high', 'medium', 'medium', 'low', 'low'])}\n"),
            ("status", f"status: {'open' if rng.random() < 0.7 else 'closed'}\n"),
            ("mitigations", "mitigations:\n" + "".join(
                list_item_text(self.longer(t, MITIGATIONS, "; ", lower=True), 2)
                for t in rng.sample(MITIGATIONS, rng.randint(1, 4))
            )),
            ("owner", self.owner()),
            ("raised", f"raised: {iso(raised)}\n"),
            ("reviewed", f"reviewed: {iso(raised + rng.randint(0, 400))}\n"),
        ]
        return "# yaml-language-server: $schema=../../schemas/risk.schema.json\n", e

    def milestone(self, mid: str) -> tuple[str, Entries]:
        rng = self.rng
        baseline = rng.randint(START, END)
        forecast = baseline + rng.choice([0, 0, 0, 7, 14, 28, 56, -7])
        status = rng.choice(["complete", "green", "amber", "red"])
        e: Entries = [
            ("#", "# a code-drafting milestone from the pack's milestone table (baseline vs forecast)\n"),
            ("#", f"# workstream {mid.split('-')[1]}, tier {mid[1]}; dates as at the pack's status date\n"),
            ("id", f"id: {mid}\n"),
            ("title", scalar("title", self.longer(rng.choice(MS_TITLES), MS_TITLES, "; ", lower=True), 0)),
            ("#", "# the baseline is the date approved in the Programme re-plan; it does not move\n"),
            ("baseline", f"baseline: {iso(baseline)}\n"),
            ("#", "# the forecast is the Code Bodies' latest view, reported monthly to the CCAG\n"),
            ("forecast", f"forecast: {iso(forecast)}\n"),
            ("#", "# RAG as in the pack's key: green on track, amber at risk, red late; complete when met\n"),
            ("#", f"# previous month's forecast: {iso(forecast - rng.choice([0, 0, 7, 14]))}\n"),
            ("status", f"status: {status}\n"),
        ]
        if status == "complete":
            e.append(("#", "# the pack gives no actual date and marks it complete; the forecast date\n"))
            e.append(("actual", f"actual: {iso(forecast)}\n"))
        else:
            e.append(("#", "# slippage is forecast minus baseline\n"))
        return "# yaml-language-server: $schema=../../schemas/milestone.schema.json\n", e

    def meeting(self, mid: str, m: int) -> tuple[str, Entries]:
        rng = self.rng
        items = ["items:\n"]
        for title, purpose, typ, lead, minutes, shows in AGENDA:
            if title not in ("Welcome and Introductions", "Minutes and Actions", "Summary and Next Steps") and rng.random() < 0.2:
                continue
            items.append(f"  - title: {title}\n")
            if purpose:
                items.append(scalar("purpose", purpose, 4))
            if isinstance(typ, list):
                items.append(f"    type: [{', '.join(typ)}]\n")
            else:
                items.append(f"    type: {typ}\n")
            items.append(f"    lead: {lead}\n")
            items.append(f"    minutes: {minutes + rng.choice([0, 0, 5, 10])}\n")
            if shows:
                items.append(f"    shows: [{', '.join(shows)}]\n")
        e: Entries = [
            ("id", f"id: {mid}\n"),
            ("date", f"date: {iso(self.meeting_date[m])}\n"),
            ("start", f"start: \"{rng.choice(['10:00', '10:00', '09:30', '13:00'])}\"\n"),
            ("chair", f"chair: {rng.choice(PEOPLE)}\n"),
            ("#", f"# actions raised at this meeting are {mid}-NN\n"),
            ("items", "".join(items)),
        ]
        return "# yaml-language-server: $schema=../../schemas/meeting.schema.json\n", e


# ---------------------------------------------------------------------------
# Defects: one per invalid file.

DEFECTS = ["bad-enum", "unknown-field", "impossible-date", "missing-field", "date-order"]

BAD_ENUM = {
    "action": ("status", "recommended-closed"),
    "cr": ("status", "under development"),
    "risk": ("rag", "amber"),
    "milestone": ("status", "Green"),
    "meeting": None,
}
TYPO = {
    "action": ("status", "stauts"),
    "cr": ("summary", "sumary"),
    "risk": ("mitigations", "mitigation"),
    "milestone": ("forecast", "forcast"),
    "meeting": ("chair", "chiar"),
}
DATE_KEY = {"action": "due", "cr": "raised", "risk": "reviewed", "milestone": "baseline", "meeting": "date"}
REQUIRED_KEY = {"action": "title", "cr": "impact", "risk": "title", "milestone": "title", "meeting": "date"}
IMPOSSIBLE = ["2024-02-30", "2023-02-29", "2024-04-31", "2022-13-01", "2024-06-31"]


def apply_defect(kind: str, entries: Entries, defect: str, rng: random.Random) -> str:
    """Mutate `entries` in place; return a label for the manifest."""
    if defect == "bad-enum":
        spec = BAD_ENUM[kind]
        if spec is None:  # meeting: an agenda item with a bad type
            i = find(entries, "items")
            entries[i] = ("items", entries[i][1].replace("type: information", "type: info", 1))
            if "type: info\n" in entries[i][1]:
                return "bad-enum:type=info"
            entries[i] = ("items", entries[i][1].replace("type: decision", "type: decide", 1))
            return "bad-enum:type=decide"
        key, bad = spec
        i = find(entries, key)
        entries[i] = (key, f"{key}: {bad}\n")
        return f"bad-enum:{key}={bad}"
    if defect == "unknown-field":
        key, typo = TYPO[kind]
        i = find(entries, key)
        entries[i] = (typo, entries[i][1].replace(f"{key}:", f"{typo}:", 1))
        return f"unknown-field:{typo}"
    if defect == "impossible-date":
        key = DATE_KEY[kind]
        bad = rng.choice(IMPOSSIBLE)
        i = find(entries, key)
        entries[i] = (key, f"{key}: {bad}\n")
        return f"impossible-date:{key}={bad}"
    if defect == "missing-field":
        key = REQUIRED_KEY[kind]
        del entries[find(entries, key)]
        return f"missing-field:{key}"
    # date-order (a semantic rule: no JSON Schema can express it)
    if kind == "action":
        raised = entries[find(entries, "raised")][1].split(": ")[1].strip()
        bad = iso(dt.date.fromisoformat(raised).toordinal() - rng.randint(1, 30))
        entries[find(entries, "due")] = ("due", f"due: {bad}\n")
        return "date-order:due<raised"
    if kind == "cr":
        raised = entries[find(entries, "raised")][1].split(": ")[1].strip()
        bad = iso(dt.date.fromisoformat(raised).toordinal() - rng.randint(1, 30))
        i = find(entries, "decision_date")
        if i >= 0:
            entries[i] = ("decision_date", f"decision_date: {bad}\n")
        else:
            entries.insert(find(entries, "impact") + 1, ("decision_date", f"decision_date: {bad}\n"))
        return "date-order:decision_date<raised"
    if kind == "risk":
        raised = entries[find(entries, "raised")][1].split(": ")[1].strip()
        bad = iso(dt.date.fromisoformat(raised).toordinal() - rng.randint(1, 30))
        entries[find(entries, "reviewed")] = ("reviewed", f"reviewed: {bad}\n")
        return "date-order:reviewed<raised"
    if kind == "milestone":
        i = find(entries, "status")
        forecast = entries[find(entries, "forecast")][1].split(": ")[1].strip()
        entries[i] = ("status", "status: amber\n")
        if find(entries, "actual") < 0:
            entries.append(("actual", f"actual: {forecast}\n"))
        return "milestone-actual:not-complete"
    # meeting: an impossible start time (schema pattern)
    entries[find(entries, "start")] = ("start", 'start: "24:30"\n')
    return "bad-time:start=24:30"


# ---------------------------------------------------------------------------
# Warnings (--warning-share): one warning-only finding per chosen file, no error.

WARNING_CLASSES = {
    "action": ["overdue-action", "unresolved-related"],
    "cr": ["stale-decision", "unresolved-related"],
}


def field(entries: Entries, key: str) -> str | None:
    i = find(entries, key)
    return entries[i][1].split(": ", 1)[1].strip() if i >= 0 else None


def ordinal(entries: Entries, key: str) -> int:
    return dt.date.fromisoformat(field(entries, key)).toordinal()


def apply_warning(kind: str, entries: Entries, rule: str, rng: random.Random, missing_id: str) -> str:
    """Mutate `entries` in place so that ccag reports `rule` (a warning) on the file, and no
    error; return a label for the manifest. The warnings hold for any today >= TODAY."""
    if rule == "overdue-action":
        if field(entries, "status") == "closed":
            entries[find(entries, "status")] = ("status", f"status: {rng.choice(ACTION_OPEN)}\n")
            del entries[find(entries, "closed")]
        if ordinal(entries, "due") >= TODAY:  # raised <= END < TODAY - 60
            entries[find(entries, "due")] = ("due", f"due: {iso(TODAY - rng.randint(1, 60))}\n")
        return "overdue-action"
    if rule == "stale-decision":
        raised = ordinal(entries, "raised")
        line = ("decision_date", f"decision_date: {iso(rng.randint(raised, TODAY - 1))}\n")
        i = find(entries, "decision_date")
        if i < 0:  # the "decision_date omitted" comment marks where it goes
            i = next(j for j, (k, t) in enumerate(entries) if k == "#" and "decision_date omitted" in t)
        entries[i] = line
        entries[find(entries, "status")] = ("status", "status: decision-pending\n")
        if find(entries, "implementation") >= 0:
            del entries[find(entries, "implementation")]
        return "stale-decision"
    # unresolved-related: an id that matches no record, added to `related` (made if absent)
    i = find(entries, "related")
    if i >= 0:
        entries[i] = ("related", entries[i][1] + f"  - {missing_id}\n")
    else:
        entries.insert(find(entries, "updates") + 1, ("related", related_block([missing_id])))
    return f"unresolved-related:{missing_id}"


def missing_id(kind: str, known: set[str], n_meet: int, rng: random.Random) -> str:
    """A plausible id that no record has: an action of a meeting not yet held, a BSC mod
    number not yet used."""
    while True:
        if kind == "action":
            i = f"CCAG{n_meet + rng.randint(1, 99)}-{rng.randint(1, 12):02d}"
        else:
            i = f"P{rng.randint(100, 99999)}"
        if i not in known:
            return i


# ---------------------------------------------------------------------------


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", type=int, help="number of records")
    ap.add_argument("outdir", help="repository root to write (records/ goes under it)")
    ap.add_argument("--invalid-share", type=float, default=0.01, help="fraction of files with one defect (default 0.01)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--open-share", type=float, default=None,
                    help="fraction of actions not closed (default: by age, most old ones closed)")
    ap.add_argument("--warning-share", type=float, default=0.0,
                    help="fraction of files with one warning-only finding (actions and crs; default 0)")
    ap.add_argument("--text-length", type=float, default=1.0,
                    help="multiplier on the length of free text (default 1)")
    ap.add_argument("--updates", type=int, default=3,
                    help="at most this many `updates` items per action and cr (default 3)")
    args = ap.parse_args()
    if args.n < 1:
        ap.error("N must be at least 1")
    if not 0.0 <= args.invalid_share <= 1.0:
        ap.error("--invalid-share must be between 0 and 1")
    if args.open_share is not None and not 0.0 <= args.open_share <= 1.0:
        ap.error("--open-share must be between 0 and 1")
    if not 0.0 <= args.warning_share <= 1.0:
        ap.error("--warning-share must be between 0 and 1")
    if args.text_length < 1.0:
        ap.error("--text-length must be at least 1")
    if args.updates < 1:
        ap.error("--updates must be at least 1")

    out = args.outdir
    records = os.path.join(out, "records")
    g = Gen(args.n, args.seed, open_share=args.open_share, text_length=args.text_length,
            max_updates=args.updates)

    # (kind, folder, id, generator thunk args)
    jobs: list[tuple[str, str, str, tuple]] = []
    for m, mid in enumerate(g.meetings):
        jobs.append(("meeting", "meetings", mid, (mid, m)))
    for aid, m in g.actions:
        jobs.append(("action", "actions", aid, (aid, m)))
    for cid, body in g.crs:
        jobs.append(("cr", f"changes/{body}", cid, (cid, body)))
    for rid in g.risks:
        jobs.append(("risk", "risks", rid, (rid,)))
    for mid in g.milestones:
        jobs.append(("milestone", "milestones", mid, (mid,)))
    assert len(jobs) == args.n, (len(jobs), args.n)

    defect_rng = random.Random(args.seed * 1_000_003 + 17)
    n_bad = round(args.n * args.invalid_share)
    bad_idx = sorted(defect_rng.sample(range(args.n), n_bad))
    bad_set = {i: DEFECTS[j % len(DEFECTS)] for j, i in enumerate(bad_idx)}

    # Warning files: actions and crs (the kinds with warning rules) that carry no defect. Their
    # own random stream, so that the defects do not depend on --warning-share.
    warn_rng = random.Random(args.seed * 1_000_033 + 71)
    n_warn = round(args.n * args.warning_share)
    eligible = [i for i, j in enumerate(jobs) if j[0] in WARNING_CLASSES and i not in bad_set]
    if n_warn > len(eligible):
        ap.error(f"--warning-share {args.warning_share} needs {n_warn} files, but only {len(eligible)} "
                 "actions and crs carry no defect")
    warn_set: dict[int, str] = {}
    turn = {k: 0 for k in WARNING_CLASSES}
    for i in sorted(warn_rng.sample(eligible, n_warn)):
        kind = jobs[i][0]
        warn_set[i] = WARNING_CLASSES[kind][turn[kind] % len(WARNING_CLASSES[kind])]
        turn[kind] += 1
    known_ids = {j[2] for j in jobs} if warn_set else set()

    if os.path.exists(records):
        shutil.rmtree(records)
    for folder in sorted({j[1] for j in jobs}):
        os.makedirs(os.path.join(records, folder), exist_ok=True)

    makers = {"action": g.action, "cr": g.cr, "risk": g.risk, "milestone": g.milestone, "meeting": g.meeting}
    counts: dict[str, int] = {}
    invalid: list[dict] = []
    warnings: list[dict] = []
    files_by_kind: dict[str, int] = {}
    # What ccag should warn about with --today 2026-09-30 (TODAY) on the files without a
    # defect: open actions past due (most open ones: their due dates are weeks after `raised`),
    # stale decisions and unresolved `related` ids. For the manifest (and check_findings.py).
    expect = {"open_actions": 0, "overdue-action": 0, "stale-decision": 0, "unresolved-related": 0}
    for idx, (kind, folder, rid, a) in enumerate(jobs):
        header, entries = makers[kind](*a)
        rel = f"records/{folder}/{rid}.yaml"
        defect = bad_set.get(idx)
        if defect is not None:
            label = apply_defect(kind, entries, defect, defect_rng)
            invalid.append({"path": rel, "kind": kind, "defect": label})
        rule = warn_set.get(idx)
        if rule is not None:
            mid = missing_id(kind, known_ids, len(g.meetings), warn_rng) if rule == "unresolved-related" else ""
            label = apply_warning(kind, entries, rule, warn_rng, mid)
            warnings.append({"path": rel, "kind": kind, "warning": label})
            if rule == "unresolved-related":
                expect["unresolved-related"] += 1
        if defect is None and kind == "action" and field(entries, "status") != "closed":
            expect["open_actions"] += 1
            if ordinal(entries, "due") < TODAY:
                expect["overdue-action"] += 1
        if (defect is None and kind == "cr" and field(entries, "status") == "decision-pending"
                and find(entries, "decision_date") >= 0 and ordinal(entries, "decision_date") < TODAY):
            expect["stale-decision"] += 1
        with open(os.path.join(out, rel), "w", encoding="utf-8") as f:
            f.write(render(header, entries))
        counts[kind] = counts.get(kind, 0) + 1
        files_by_kind[folder] = files_by_kind.get(folder, 0) + 1

    # The schemas, so that the `$schema=` comments resolve inside OUTDIR.
    here = os.path.dirname(os.path.abspath(__file__))
    schemas_src = os.path.join(here, "..", "schemas")
    if os.path.isdir(schemas_src):
        os.makedirs(os.path.join(out, "schemas"), exist_ok=True)
        for name in sorted(os.listdir(schemas_src)):
            if name.endswith(".schema.json"):
                shutil.copyfile(os.path.join(schemas_src, name), os.path.join(out, "schemas", name))

    manifest = {
        "n": args.n,
        "seed": args.seed,
        "invalid_share": args.invalid_share,
        "open_share": args.open_share,
        "warning_share": args.warning_share,
        "text_length": args.text_length,
        "updates": args.updates,
        "generator_sha256": hashlib.sha256(open(__file__, "rb").read()).hexdigest(),
        "counts": counts,
        "folders": dict(sorted(files_by_kind.items())),
        # Among the files without a defect, at --today 2026-09-30 (later days: more overdue).
        "expected_warnings_at": iso(TODAY),
        "expected_warnings": expect,
        "invalid": invalid,
        "warnings": warnings,
    }
    with open(os.path.join(out, "bench-manifest.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=1)
        f.write("\n")
    print(f"wrote {args.n} records ({len(invalid)} with a defect, {len(warnings)} with a warning) under {records}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
