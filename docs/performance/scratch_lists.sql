-- A scratch data set for the EXPLAIN plans in docs/performance.md (lists and supervision signals).
-- Run after `migrate`, `load_reference` and `load_demo` on an empty PostgreSQL database:
--   psql "$DATABASE_URL" -v n=200000 -f docs/performance/scratch_lists.sql
-- It copies the demo's first Work Day to 40 dates for every unit and its first registration to :n
-- registrations with cases, replies, assignments, assisting units and revisits spread over three
-- years. Not valid business data (the generator of issue 13 makes that); only realistic shapes.
\set ON_ERROR_STOP on
SELECT setseed(0.13);
CREATE TEMP TABLE u AS SELECT id, kind FROM units_unit WHERE kind IN ('town', 'street', 'department', 'joint_office');
CREATE TEMP TABLE dept AS SELECT row_number() OVER (ORDER BY id) AS k, id FROM units_unit WHERE kind = 'department';
CREATE TEMP TABLE town AS SELECT row_number() OVER (ORDER BY id) AS k, id FROM units_unit WHERE kind IN ('town', 'street');
CREATE TEMP TABLE cat AS SELECT row_number() OVER (ORDER BY id) AS k, id FROM units_category WHERE parent_id IS NOT NULL;

INSERT INTO workdays_workday (date, start_time, end_time, place, extension_sites, leader, participants, agenda, procedure,
  activity_forms, visit_targets, research_topics, relief_areas, status, leader_informed_at, leader_informed_note,
  notice_published_at, held_at, briefing, materials_count, results_published_at, archived_at, voided_at, void_reason,
  created_at, created_by_id, host_unit_id, leading_district_leader_id, archive_reason, cancelled_at, contact_person,
  contact_phone, judgement, measures, version)
SELECT DATE '2024-01-05' + (g * 27), w.start_time, w.end_time, w.place, w.extension_sites, w.leader, w.participants, w.agenda,
  w.procedure, w.activity_forms, w.visit_targets, w.research_topics, w.relief_areas, 'archived', w.leader_informed_at,
  w.leader_informed_note, w.notice_published_at, w.held_at, w.briefing, w.materials_count, w.results_published_at,
  w.archived_at, w.voided_at, w.void_reason, w.created_at, w.created_by_id, u.id, NULL, w.archive_reason, w.cancelled_at,
  w.contact_person, w.contact_phone, w.judgement, w.measures, 1
FROM (SELECT * FROM workdays_workday ORDER BY id LIMIT 1) w CROSS JOIN u CROSS JOIN generate_series(0, 39) g;
CREATE TEMP TABLE wd AS SELECT row_number() OVER (ORDER BY id) AS k, id, host_unit_id, date FROM workdays_workday WHERE status = 'archived';
SELECT count(*) AS workdays FROM wd \gset

CREATE TEMP TABLE plan AS
SELECT g, wd.id AS workday_id, wd.host_unit_id, wd.date,
  cat.id AS category_id,
  town.id AS territory_id,
  r AS r
FROM (SELECT g, random() AS r, 1 + floor(random() * :workdays)::int AS wk FROM generate_series(1, :n) g) s
JOIN wd ON wd.k = s.wk
JOIN cat ON cat.k = 1 + (s.g * 7919) % (SELECT count(*) FROM cat)
JOIN town ON town.k = 1 + (s.g * 31) % (SELECT count(*) FROM town);

SELECT coalesce(max(id), 0) AS base FROM workdays_registration \gset
INSERT INTO workdays_registration (client_ref, people_count, kind, content, disposition, answer, channel, promised_days,
  responsible_person, registered_at, late_entry, category_id, registered_by_id, responsible_user_id, territory_id, workday_id,
  status, withdraw_reason, withdrawn_at, withdrawn_by_id, site)
SELECT NULL, 1, r.kind, r.content || ' #' || p.g, CASE WHEN p.r < 0.3 THEN 'answer' ELSE 'refer' END, r.answer, r.channel,
  r.promised_days, r.responsible_person, (p.date + time '10:00') AT TIME ZONE 'Asia/Shanghai', false, p.category_id,
  r.registered_by_id, NULL, p.territory_id, p.workday_id, r.status, '', NULL, NULL, r.site
FROM plan p CROSS JOIN (SELECT * FROM workdays_registration ORDER BY id LIMIT 1) r ORDER BY p.g;

-- One case per new registration, in registration order (so the case ids follow the dates).
INSERT INTO cases_case (handling, status, responsible_person, clock_start, due_date, due_provisional, feedback_due,
  feedback_provisional, feedback_at, replied_at, return_count, version, category_id, host_unit_id, lead_unit_id,
  registration_id, responsible_user_id, territory_id, workday_id, closed_at, void_reason, voided_at, merged_into_id,
  public_summary, repeat_of_id, status_before_merge, promised_due, promised_provisional)
SELECT CASE WHEN p.r < 0.6 THEN 'assigned' ELSE 'self' END,
  CASE WHEN p.r < 0.02 THEN 'awaiting_assignment' WHEN p.r < 0.12 THEN 'assigned' WHEN p.r < 0.27 THEN 'replied'
       WHEN p.r < 0.6 THEN 'closed' WHEN p.r < 0.61 THEN 'voided' WHEN p.r < 0.66 THEN 'handling' ELSE 'answered' END,
  '张三', p.date, p.date + 9, false, NULL, false, NULL,
  CASE WHEN p.r >= 0.12 AND p.r < 0.6 THEN (p.date + 5 + time '15:00') AT TIME ZONE 'Asia/Shanghai' END,
  CASE WHEN p.r < 0.006 THEN 2 WHEN p.r < 0.03 THEN 1 ELSE 0 END, 1, p.category_id, p.host_unit_id,
  CASE WHEN p.r >= 0.02 AND p.r < 0.6 THEN (SELECT id FROM dept WHERE k = 1 + (p.g * 13) % (SELECT count(*) FROM dept)) END,
  reg.id, NULL, p.territory_id, p.workday_id, NULL, '', NULL, NULL, '', NULL, '', NULL, false
FROM plan p JOIN workdays_registration reg ON reg.id = :base + p.g
ORDER BY reg.id;

CREATE TEMP TABLE newcase AS SELECT c.id, c.status, c.lead_unit_id, c.host_unit_id, c.clock_start, c.replied_at, c.id % 100 AS m
FROM cases_case c WHERE c.responsible_person = '张三';
INSERT INTO cases_case_assisting_units (case_id, unit_id)
SELECT n.id, (SELECT id FROM town WHERE k = 1 + (n.id * 7) % (SELECT count(*) FROM town)) FROM newcase n WHERE n.m < 20 AND n.lead_unit_id IS NOT NULL;
INSERT INTO cases_assignment (delivered_at, due_date, received_at, returned_at, return_reason, overdue_when_returned, case_id,
  delivered_by_id, lead_unit_id, received_by_id, returned_by_id, instructions)
SELECT (n.clock_start + time '11:00') AT TIME ZONE 'Asia/Shanghai', n.clock_start + 9, NULL,
  CASE WHEN n.m < 3 THEN (n.clock_start + 2 + time '09:00') AT TIME ZONE 'Asia/Shanghai' END, '', false, n.id,
  (SELECT id FROM accounts_user ORDER BY id LIMIT 1), n.lead_unit_id, NULL, NULL, ''
FROM newcase n WHERE n.lead_unit_id IS NOT NULL;
INSERT INTO cases_reply (content, concluded, feedback_to_center, replied_at, due_date, on_time, acceptable, rating_reason, rated_at,
  case_id, rated_by_id, replied_by_id, unit_id, superseded_at)
SELECT '已答复', true, '', n.replied_at, n.clock_start + 9, n.m >= 10, CASE WHEN n.m < 50 THEN n.m >= 5 END, '',
  CASE WHEN n.m < 50 THEN n.replied_at + interval '2 days' END, n.id, NULL,
  (SELECT id FROM accounts_user ORDER BY id LIMIT 1), coalesce(n.lead_unit_id, n.host_unit_id), NULL
FROM newcase n WHERE n.replied_at IS NOT NULL;
INSERT INTO cases_revisit (reached, satisfied, confirms_reply, note, created_at, case_id, created_by_id)
SELECT true, n.m % 5 <> 0, n.m % 7 <> 0, '', n.replied_at + interval '5 days', n.id, (SELECT id FROM accounts_user ORDER BY id LIMIT 1)
FROM newcase n WHERE n.status = 'closed' AND n.m < 40;
ANALYZE;
SELECT (SELECT count(*) FROM cases_case) AS cases, (SELECT count(*) FROM cases_reply) AS replies,
  (SELECT count(*) FROM cases_assignment) AS assignments, (SELECT count(*) FROM cases_revisit) AS revisits;
