"""Write the tiny models under good/ and bad/ (one per defect) with their expected.json.

Run ``python tests/verify/make_fixtures.py`` after changing a fixture here; the files it
writes are committed, so the tests read plain model folders.
"""

import json
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent
RULESET = """ruleset:
  id: tiny
  title: {zh: 某局工作规则, en: Work rules of a bureau}
  issuer: {zh: 某局, en: A bureau}
  adopted: 2020-01-01
  articles: 6
  source: source.zh.txt
"""
SOURCE = """某局工作规则

一、局长领导本局工作，副局长协助局长工作，科长办理具体事务。
二、局长外出期间，由副局长代行局长职务。
三、公文由科长审核，局长签发。
四、副局长离开本市，应当向局长请假。
五、规范性文件应当经法制科合法性审查后方可发布；报告应当在10日内报送。
六、本规则自发布之日起施行。
"""
BASE = """absence_reasons:
  - {id: away, label: {zh: 外出, en: Away}, articles: [2], leaves_city: true}
  - {id: sick, label: {zh: 病假, en: Sick}, articles: [2], leaves_city: false}
roles:
  - {id: director, label: {zh: 局长, en: Director}, articles: [1], leader: true}
  - {id: deputy_director, label: {zh: 副局长, en: Deputy director}, articles: [1], leader: true}
  - {id: section_chief, label: {zh: 科长, en: Section chief}, articles: [1], plural: true}
bodies:
  - {id: legal_section, label: {zh: 法制科, en: Legal section}, articles: [5]}
document_types:
  - {id: memo, label: {zh: 公文, en: Memo}, articles: [3], origin: government}
assumptions:
  - id: default_cast
    statement: {zh: 默认人员名单, en: Default cast}
    articles: [1]
    default: true
    rationale: {zh: 名单是输入, en: The cast is an input}
non_operational:
  - {article: 6, reason: {zh: 施行日期, en: Entry into force}}
cast:
  assumption: default_cast
  persons:
    - {id: p_director, label: {zh: 局长甲, en: Director A}, holds: [director]}
    - {id: p_deputy, label: {zh: 副局长乙, en: Deputy B}, holds: [deputy_director]}
    - {id: p_chief1, label: {zh: 科长丙, en: Chief C}, holds: [section_chief]}
    - {id: p_chief2, label: {zh: 科长丁, en: Chief D}, holds: [section_chief]}
"""
DEPUTY = """  - id: art2_deputy_acts_for_director
    label: {zh: 副局长代行局长职务, en: The deputy acts as director}
    articles: [2]
    kind: acts_for
    principal: director
    deputy: deputy_director
    when_absent_for: [%s]
"""
SIGN_OFF = """procedures:
  - id: art3_sign_off
    label: {zh: 公文签发, en: Memo sign-off}
    articles: [3]
    applies_to: [memo]
    steps:
      - {id: review, act: reviews, by: [%s], articles: [3]}
      - {id: sign, act: signs, by: [director], articles: [3]}
"""
FILLER = """time_limits:
  - id: art5_report_deadline
    label: {zh: 10个工作日内报送, en: Within 10 working days}
    articles: [4, 5]
    kind: deadline
    applies_to: [memo]
    duration: {value: 10, unit: %s}
    starts: {zh: 收文, en: Received}
    ends: {zh: 报送, en: Reported}
"""


def fx(kind, name, rules, expected, options=None, base=None):
    d = ROOT / kind / name
    d.mkdir(parents=True, exist_ok=True)
    (d / "ruleset.yaml").write_text(RULESET, encoding="utf-8")
    (d / "source.zh.txt").write_text(SOURCE, encoding="utf-8")
    (d / "base.yaml").write_text(base or BASE, encoding="utf-8")
    (d / "rules.yaml").write_text(rules, encoding="utf-8")
    data = {
        "options": options or {"k": 1},
        "findings": [dict(zip(("property", "subject", "status"), e, strict=True)) for e in expected],
    }
    (d / "expected.json").write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


std = SIGN_OFF % "section_chief" + FILLER % "working_days" + "deputy_rules:\n" + DEPUTY % "away, sick"
fx(
    "good",
    "covered-with-deputy",
    std,
    [
        ("coverage.step", "art3_sign_off.review", "holds"),
        ("coverage.step", "art3_sign_off.sign", "holds"),
        ("separation.two_levels", "art3_sign_off.review > art3_sign_off.sign", "holds"),
        ("structure.deputy_cycles", "deputy_rules", "holds"),
        ("conflict.vacuous", "art2_deputy_acts_for_director", "holds"),
    ],
    {"k": 1},
)
fx(
    "bad",
    "no-signer-when-absent",
    SIGN_OFF % "section_chief" + "deputy_rules:\n" + DEPUTY % "away" + FILLER % "working_days",
    [
        ("coverage.step", "art3_sign_off.review", "holds"),
        ("coverage.step", "art3_sign_off.sign", "violated"),
    ],
    {"k": 1},
)
fx(
    "bad",
    "deputy-cycle",
    std
    + DEPUTY.replace("art2_deputy_acts_for_director", "art2_director_acts_for_deputy")
    .replace("principal: director", "principal: X")
    .replace("deputy: deputy_director", "deputy: director")
    .replace("principal: X", "principal: deputy_director")
    % "away",
    [
        ("structure.deputy_cycles", "deputy_rules", "violated"),
        ("conflict.vacuous", "art2_director_acts_for_deputy", "violated"),
    ],
)
leave = """leave_rules:
  - id: art4_deputy_leave
    label: {zh: 副局长离开本市向局长请假, en: The deputy asks the director before leaving the city}
    articles: [4]
    requesters: [deputy_director]
    approver: [director]
    situation: leaving_city
    reasons: [away]
leave_situations:
  - {id: leaving_city, label: {zh: 离开本市, en: leaving the city}, articles: [4]}
"""
fx(
    "bad",
    "self-approved-leave",
    std + leave,
    [
        ("separation.own_leave", "art4_deputy_leave", "violated"),
        ("coverage.leave", "art4_deputy_leave", "violated"),
        ("unspecified.leave", "leaving_city:director", "violated"),
    ],
)
fx(
    "bad",
    "reviewer-is-signer",
    SIGN_OFF % "deputy_director" + "deputy_rules:\n" + DEPUTY % "away, sick" + FILLER % "working_days",
    [
        ("separation.two_levels", "art3_sign_off.review > art3_sign_off.sign", "violated"),
        ("coverage.step", "art3_sign_off.review", "violated"),
        ("structure.role_used", "section_chief", "violated"),
    ],
)
conflicting = (
    std
    + """  - id: art3_deputy_signs
    label: {zh: 副局长签发公文, en: The deputy signs memos}
    articles: [3]
    applies_to: [memo]
    steps:
      - {id: sign, act: signs, by: [deputy_director], articles: [3]}
"""
)
# procedures: second list item must go under procedures, not deputy_rules: rebuild ordering
conflicting = (
    SIGN_OFF % "section_chief"
    + """  - id: art3_deputy_signs
    label: {zh: 副局长签发公文, en: The deputy signs memos}
    articles: [3]
    applies_to: [memo]
    steps:
      - {id: sign, act: signs, by: [deputy_director], articles: [3]}
"""
    + "deputy_rules:\n"
    + DEPUTY % "away, sick"
    + FILLER % "working_days"
)
fx(
    "bad",
    "conflicting-signers",
    conflicting,
    [
        ("conflict.overlap", "art3_sign_off.sign ~ art3_deputy_signs.sign", "violated"),
        ("coverage.step", "art3_deputy_signs.sign", "violated"),
        # one signature asked by two rules is one act (the conflict above), not two levels of a check
    ],
)
norm = """  - {id: normative_document, label: {zh: 规范性文件, en: Normative document}, articles: [5], \
origin: government}
"""
legal_proc = (
    """procedures:
  - id: art5_normative
    label: {zh: 规范性文件发布, en: Issuing a normative document}
    articles: [5]
    applies_to: [normative_document]
    steps:
%s      - {id: sign, act: signs, by: [director], articles: [5]}
      - {id: publish, act: publishes, by: [legal_section], articles: [5]}
  - id: art3_sign_off
    label: {zh: 公文签发, en: Memo sign-off}
    articles: [3]
    applies_to: [memo]
    steps:
      - {id: review, act: reviews, by: [section_chief], articles: [3]}
      - {id: sign, act: signs, by: [director], articles: [3]}
orderings:
  - id: art5_legality_review_before_publishing
    label: {zh: 未经合法性审查不得发布, en: No publishing without legality review}
    articles: [5]
    applies_to: [normative_document]
    first: {act: legality_review, by: legal_section}
    then: {act: publishes}
document_types:
"""
    + norm
)
fx(
    "good",
    "legality-review-first",
    legal_proc % "      - {id: legal_review, act: legality_review, by: [legal_section], articles: [5]}\n"
    + "deputy_rules:\n"
    + DEPUTY % "away, sick"
    + FILLER % "working_days",
    [
        ("mandatory.ordering", "art5_legality_review_before_publishing@normative_document", "holds"),
    ],
)
fx(
    "bad",
    "missing-legality-review",
    legal_proc % "" + "deputy_rules:\n" + DEPUTY % "away, sick" + FILLER % "working_days",
    [
        ("mandatory.ordering", "art5_legality_review_before_publishing@normative_document", "violated"),
    ],
)
fx(
    "bad",
    "unspecified-actor",
    (SIGN_OFF % "section_chief").replace(
        "      - {id: sign, act: signs, by: [director], articles: [3]}\n",
        "      - {id: legal_review, act: legality_review, by: [], articles: [5]}\n"
        "      - {id: sign, act: signs, by: [director], articles: [3]}\n",
    )
    + "deputy_rules:\n"
    + DEPUTY % "away, sick"
    + FILLER % "working_days",
    [
        ("unspecified.step", "art3_sign_off.legal_review", "violated"),
    ],
)
fx(
    "bad",
    "calendar-days-over-holiday",
    std.replace("unit: working_days", "unit: calendar_days"),
    [
        ("timing.calendar_days", "art5_report_deadline", "violated"),
    ],
)
vac = (
    std
    + DEPUTY.replace("art2_deputy_acts_for_director", "art2_nobody_acts_for_director").replace(
        "deputy: deputy_director", "deputy: acting_director"
    )
    % "sick"
)
fx(
    "bad",
    "vacuous-deputy",
    vac
    + """roles:
  - {id: acting_director, label: {zh: 主持工作的负责人, en: Acting director}, articles: [2]}
""",
    [
        ("conflict.vacuous", "art2_nobody_acts_for_director", "violated"),
        ("structure.role_held", "acting_director", "violated"),
        ("conflict.vacuous", "art2_deputy_acts_for_director", "holds"),
    ],
)
meeting = (
    """meetings:
  - id: monthly_meeting
    label: {zh: 局务会议, en: Bureau meeting}
    articles: [3]
    members: [director, deputy_director]
    presider: [director]
    convener: [director]
    organizer: legal_section
    cadence: monthly
    decides: [memo]
procedures:
  - id: art3_decision
    label: {zh: 公文集体决定, en: Collective decision on a memo}
    articles: [3]
    applies_to: [memo]
    steps:
      - {id: decide, act: collective_decision, by: [monthly_meeting], articles: [3]}
time_limits:
  - id: art5_lead_time
    label: {zh: 提前5个工作日报送, en: Submitted 5 working days ahead}
    articles: [4, 5]
    kind: lead_time
    bound: at_least
    applies_to: [memo]
    duration: {value: 5, unit: working_days}
    starts: {zh: 送达, en: Received}
    ends: {zh: 需要决定, en: Decision needed}
deputy_rules:
"""
    + DEPUTY % "away, sick"
)
fx(
    "bad",
    "meeting-cadence-too-slow",
    meeting,
    [
        ("timing.cadence", "art5_lead_time@memo", "violated"),
        # and nothing holds the meeting to a limit while the submitter is held to 5 working days
        ("timing.vague_limit", "art5_lead_time@memo", "violated"),
        ("structure.role_used", "section_chief", "violated"),
    ],
)

# A role relative to a meeting is held only through its declared meaning (issue #14): the leader
# presiding (meaning: presiding_leader) is whoever presides; "the deputy concerned with the item"
# under a new id, with no meaning, is held by nobody, and check says so.
meeting_roles = (
    """roles:
  - {id: topic_deputy, label: {zh: 与议题有关的副局长, en: Deputy concerned with the item}, articles: [3], \
scope: meeting}
  - {id: chair, label: {zh: 主持会议的局领导, en: Leader presiding over the meeting}, articles: [3], \
scope: meeting,
     meaning: presiding_leader}
meetings:
  - id: monthly_meeting
    label: {zh: 局务会议, en: Bureau meeting}
    articles: [3]
    members: [director, deputy_director, section_chief]
    presider: [director]
    convener: [director]
    organizer: legal_section
    cadence: monthly
    procedures:
      - id: art3_minutes
        label: {zh: 会议纪要, en: Minutes}
        articles: [3]
        purpose: minutes
        steps:
          - {id: explain, act: reports, by: [topic_deputy], articles: [3]}
          - {id: sign, act: signs, by: [chair], articles: [3]}
deputy_rules:
"""
    + DEPUTY % "away, sick"
    + FILLER % "working_days"
)
fx(
    "bad",
    "meeting-role-nobody-holds",
    meeting_roles,
    [
        ("structure.role_held", "topic_deputy", "violated"),
        ("coverage.step", "art3_minutes.explain", "violated"),  # the same gap, seen from the act
        ("structure.role_held", "chair", "holds"),
        ("coverage.step", "art3_minutes.sign", "holds"),
    ],
)

# ---- semantic conflicts and separation (issue #8 item 2) -------------------------------------
# A bureau with a division of work: the director is in charge of the audit section himself,
# each deputy director of one section. "The leader in charge by the division of work" and
# "the deputy in charge or the director" then name the same persons.
PORTFOLIO = """absence_reasons:
  - {id: away, label: {zh: 外出, en: Away}, articles: [2], leaves_city: true}
roles:
  - {id: director, label: {zh: 局长, en: Director}, articles: [1], leader: true}
  - {id: deputy_director, label: {zh: 副局长, en: Deputy director}, articles: [1], leader: true, plural: true}
  - {id: deputy_in_charge, label: {zh: 分管副局长, en: Deputy in charge}, articles: [3], scope: department, \
specializes: deputy_director}
  - {id: leader_in_charge, label: {zh: 分管领导, en: Leader in charge}, articles: [3], scope: department, \
specializes: portfolio_leaders}
  - {id: department_head, label: {zh: 科室负责人, en: Section head}, articles: [3], scope: department, \
meaning: head_of_department}
role_groups:
  - {id: portfolio_leaders, label: {zh: 有分工的局领导, en: Leaders with a portfolio}, articles: [1], \
roles: [director, deputy_director]}
bodies:
  - {id: section_office, label: {zh: 科室, en: Section}, articles: [3]}
document_types:
  - {id: memo, label: {zh: 科室请示, en: Section request}, articles: [3], origin: department}
assumptions:
  - id: default_cast
    statement: {zh: 默认人员名单, en: Default cast}
    articles: [1]
    default: true
    rationale: {zh: 名单是输入, en: The cast is an input}
non_operational:
  - {article: 5, reason: {zh: 本例不涉及, en: Not used by this example}}
  - {article: 6, reason: {zh: 施行日期, en: Entry into force}}
cast:
  assumption: default_cast
  persons:
    - {id: p_director, label: {zh: 局长甲, en: Director A}, holds: [director], in_charge_of: [audit_section]}
    - {id: p_deputy1, label: {zh: 副局长乙, en: Deputy B}, holds: [deputy_director], \
in_charge_of: [section_a]}
    - {id: p_deputy2, label: {zh: 副局长丙, en: Deputy C}, holds: [deputy_director], \
in_charge_of: [section_b]}
    - {id: p_head_a, label: {zh: 甲科科长, en: Head of section A}}
    - {id: p_head_b, label: {zh: 乙科科长, en: Head of section B}}
    - {id: p_head_audit, label: {zh: 审计科科长, en: Head of the audit section}}
  departments:
    - {id: section_a, label: {zh: 甲科, en: Section A}, head: p_head_a}
    - {id: section_b, label: {zh: 乙科, en: Section B}, head: p_head_b}
    - {id: audit_section, label: {zh: 审计科, en: Audit section}, head: p_head_audit}
deputy_rules:
  - {id: art2_deputy_acts_for_director, label: {zh: 副局长代行局长职务, en: A deputy acts as director}, \
articles: [2], kind: acts_for, principal: director, deputy: deputy_director, when_absent_for: [away]}
"""
# the same bureau where the director leads no section himself (so every section has a deputy in charge)
PORTFOLIO_DEPUTIES = (
    PORTFOLIO.replace(", in_charge_of: [audit_section]", "")
    .replace("    - {id: p_head_audit, label: {zh: 审计科科长, en: Head of the audit section}}\n", "")
    .replace("    - {id: audit_section, label: {zh: 审计科, en: Audit section}, head: p_head_audit}\n", "")
)
TWO_RULES = """procedures:
  - id: art3_submission
    label: {zh: 科室请示, en: Section request}
    articles: [3]
    applies_to: [memo]
    steps:
      - {id: consult, act: consults, by: [%s], articles: [3]}
      - {id: approve, act: approves, by: [leader_in_charge], articles: [3]}
  - id: art4_meeting_request
    label: {zh: 会议请示的审定, en: Finalizing a meeting request}
    articles: [4]
    applies_to: [memo]
    steps:
      - {id: consult, act: consults, by: [%s], articles: [4]}
      - {id: finalize, act: finalizes, by: [%s], articles: [4]}
"""
fx(
    "good",
    "same-persons-two-role-expressions",
    TWO_RULES % ("section_office", "section_office", "deputy_in_charge, director"),
    [
        ("conflict.overlap", "art3_submission.approve ~ art4_meeting_request.finalize", "holds"),
    ],
    {"k": 0},
    base=PORTFOLIO_DEPUTIES,
)
fx(
    "good",
    "duties-add-up",
    TWO_RULES % ("section_office", "department_head", "deputy_in_charge, director"),
    [
        # the section consults, its head consults: both do; no conflict is even a candidate
    ],
    {"k": 0},
    base=PORTFOLIO_DEPUTIES,
)
fx(
    "bad",
    "different-persons-one-decision",
    TWO_RULES % ("section_office", "section_office", "director"),
    [
        ("conflict.overlap", "art3_submission.approve ~ art4_meeting_request.finalize", "violated"),
    ],
    {"k": 0},
    base=PORTFOLIO,
)
two_routes = (
    """procedures:
  - id: art3_sign_off
    label: {zh: 公文签发, en: Memo sign-off}
    articles: [3]
    applies_to: [memo]
    steps:
      - {id: draft, act: drafts, by: [section_chief], articles: [3]}
      - {id: review, act: reviews, by: [deputy_director], articles: [3]}
      - {id: sign, act: signs, by: [director], articles: [3]}
  - id: art5_sign_off_again
    label: {zh: 公文签发(另一条), en: Memo sign-off (another article)}
    articles: [5]
    applies_to: [memo]
    steps:
      - {id: review, act: reviews, by: [deputy_director], articles: [5]}
      - {id: sign, act: signs, by: [director], after: [review], articles: [4, 5]}
deputy_rules:
"""
    + DEPUTY % "away, sick"
)
fx(
    "bad",
    "one-check-two-routes",
    two_routes,
    [
        # the deputy reviews and, the director away, signs: one collapse, reported once
        ("separation.two_levels", "art3_sign_off.review > art3_sign_off.sign", "violated"),
        ("coverage.step", "art3_sign_off.review", "violated"),
        ("coverage.step", "art5_sign_off_again.review", "violated"),
    ],
)

# ---- two time limits side by side; vague limits (issue #8 item 4) ----------------------------
LIMITS = (
    """procedures:
  - id: art3_sign_off
    label: {zh: 公文签发, en: Memo sign-off}
    articles: [3]
    applies_to: [memo]
    steps:
      - {id: review, act: reviews, by: [section_chief], articles: [3]}
      - {id: approve, act: approves, by: [director], articles: [3]}
deputy_rules:
"""
    + DEPUTY % "away, sick"
    + """time_limits:
  - id: art5_lead_time
    label: {zh: 提前%s报送, en: Submitted %s ahead}
    articles: [5]
    kind: lead_time
    bound: at_least
    applies_to: [memo]
    duration: {value: %d, unit: %s}
    starts: {zh: 送达, en: Received}
    ends: {zh: 需要决定, en: Decision needed}
  - id: art5_notice
    label: {zh: 提前%s请示, en: Requested %s ahead}
    articles: [5]
    kind: advance_notice
    bound: at_least
    applies_to: [memo]
    duration: {value: %d, unit: %s}
    starts: {zh: 送达, en: Received}
    ends: {zh: 需要决定, en: Decision needed}
  - id: art4_decide_%s
    label: {zh: 局长审批, en: The director approves}
    articles: [4]
    kind: %s
    applies_to: [memo]
    binds: [approves]
%s    starts: {zh: 送达, en: Received}
    ends: {zh: 审批, en: Approved}
"""
)
fx(
    "bad",
    "two-limits-flip-on-the-calendar",
    LIMITS
    % (
        "10个工作日",
        "10 working days",
        10,
        "working_days",
        "15天",
        "15 days",
        15,
        "calendar_days",
        "within",
        "deadline",
        "    duration: {value: 20, unit: working_days}\n",
    ),
    [
        ("timing.two_limits", "art5_lead_time ~ art5_notice", "violated"),
        ("timing.vague_limit", "art5_lead_time@memo", "holds"),
        ("timing.calendar_days", "art5_notice", "violated"),
    ],
)
fx(
    "bad",
    "month-squeezed-though-it-always-binds",
    LIMITS
    % (
        "5个工作日",
        "5 working days",
        5,
        "working_days",
        "1个月",
        "one month",
        1,
        "months",
        "within",
        "deadline",
        "    duration: {value: 20, unit: working_days}\n",
    ),
    [
        ("timing.two_limits", "art5_lead_time ~ art5_notice", "holds"),  # the month always binds, alone
        ("timing.vague_limit", "art5_lead_time@memo", "holds"),
        ("timing.calendar_days", "art5_notice", "violated"),
    ],
    {"k": 1},
)
fx(
    "bad",
    "vague-limit-for-the-decision",
    LIMITS
    % (
        "10个工作日",
        "10 working days",
        10,
        "working_days",
        "20个工作日",
        "20 working days",
        20,
        "working_days",
        "promptly",
        "unquantified",
        "",
    ),
    [
        ("timing.vague_limit", "art5_lead_time@memo", "violated"),
        ("timing.vague_limit", "art5_notice@memo", "violated"),
    ],
)
