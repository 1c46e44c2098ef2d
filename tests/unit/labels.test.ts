import {
  ACTION_STATUS_LABELS,
  AGENDA_SECTION_LABELS,
  AUDIT_ACTION_LABELS,
  CASE_STATUS_LABELS,
  CATEGORY_LABELS,
  CLOSURE_REASON_LABELS,
  CONCERN_LABELS,
  CSE_RISK_LABELS,
  ESCALATION_TARGET_LABELS,
  LIST_CHECK_LIST_LABELS,
  MEETING_STATUS_LABELS,
  PROVISION_LABELS,
  REFERRAL_SOURCE_LABELS,
  SEND_STATUS_LABELS,
  SOCIAL_CARE_STATUS_LABELS,
  YEAR_GROUP_LABELS,
} from '../../src/domain/labels';
import {
  ACTION_STATUSES,
  AGENDA_SECTIONS,
  AUDIT_ACTIONS,
  CASE_STATUSES,
  CATEGORIES,
  CLOSURE_REASONS,
  CONCERNS,
  CSE_RISKS,
  ESCALATION_TARGETS,
  LIST_CHECK_LISTS,
  MEETING_STATUSES,
  PROVISIONS,
  REFERRAL_SOURCES,
  SEND_STATUSES,
  SOCIAL_CARE_STATUSES,
  YEAR_GROUPS,
} from '../../src/domain/types';

const pairs: [string, readonly string[], Record<string, string>][] = [
  ['year groups', YEAR_GROUPS, YEAR_GROUP_LABELS],
  ['categories', CATEGORIES, CATEGORY_LABELS],
  ['provisions', PROVISIONS, PROVISION_LABELS],
  ['referral sources', REFERRAL_SOURCES, REFERRAL_SOURCE_LABELS],
  ['SEND statuses', SEND_STATUSES, SEND_STATUS_LABELS],
  ['social care statuses', SOCIAL_CARE_STATUSES, SOCIAL_CARE_STATUS_LABELS],
  ['CSE risks', CSE_RISKS, CSE_RISK_LABELS],
  ['concerns', CONCERNS, CONCERN_LABELS],
  ['case statuses', CASE_STATUSES, CASE_STATUS_LABELS],
  ['closure reasons', CLOSURE_REASONS, CLOSURE_REASON_LABELS],
  ['list checks', LIST_CHECK_LISTS, LIST_CHECK_LIST_LABELS],
  ['action statuses', ACTION_STATUSES, ACTION_STATUS_LABELS],
  ['meeting statuses', MEETING_STATUSES, MEETING_STATUS_LABELS],
  ['escalation targets', ESCALATION_TARGETS, ESCALATION_TARGET_LABELS],
  ['agenda sections', AGENDA_SECTIONS, AGENDA_SECTION_LABELS],
  ['audit actions', AUDIT_ACTIONS, AUDIT_ACTION_LABELS],
];

describe('labels', () => {
  it.each(pairs)(
    'gives every one of the %s a distinct, non-empty label and nothing more',
    (_name, values, labels) => {
      expect(Object.keys(labels).sort()).toEqual([...values].sort());
      const texts = values.map((v) => labels[v]);
      for (const t of texts) expect(t?.trim()).toBeTruthy();
      expect(new Set(texts).size).toBe(texts.length);
    },
  );

  it('uses the wording of the terms of reference for categories', () => {
    expect(CATEGORY_LABELS['permanently-excluded']).toBe('Permanently excluded');
    expect(CATEGORY_LABELS['high-suspensions']).toBe('High rate of suspensions');
    expect(CATEGORY_LABELS.cme).toBe('Reported missing education (CME)');
  });

  it('uses people-facing wording for statuses and sections', () => {
    expect(YEAR_GROUP_LABELS.R).toBe('Reception');
    expect(YEAR_GROUP_LABELS['10']).toBe('Year 10');
    expect(SOCIAL_CARE_STATUS_LABELS['child-protection']).toBe('Child protection plan');
    expect(AGENDA_SECTION_LABELS['highest-concern']).toBe('Children of highest concern');
    expect(LIST_CHECK_LIST_LABELS['childrens-social-care']).toBe("Children's Social Care");
  });
});
