-- name: org.sissync.aspiredu.roster.staff
-- summary: Staff at each school, keyed on their USERS record
-- description: One row per SCHOOLSTAFF record (a person at one school), with the person's USERS record, so that a teacher at two schools is one person with two rows.
-- arg: school_numbers | School numbers to include, wrapped in commas (",100,200,"), or ",*," for every school
-- arg: after_id | Read rows whose key is above this: the last key of the page before, or a number below every id
-- arg: up_to_id | Read rows whose key is at most this (a slice of the key range; a number above every id for all of them)
-- key: ss.id
SELECT
  u.dcid AS users_dcid,
  u.teachernumber AS teachernumber,
  u.first_name AS first_name,
  u.last_name AS last_name,
  u.email_addr AS email,
  ss.id AS schoolstaff_id,
  ss.schoolid AS school_number,
  ss.status AS status,
  ss.staffstatus AS staffstatus
FROM users u
JOIN schoolstaff ss ON ss.users_dcid = u.dcid
WHERE ss.id > :after_id
  AND ss.id <= :up_to_id
  AND (INSTR(:school_numbers, ',*,') > 0 OR INSTR(:school_numbers, ',' || ss.schoolid || ',') > 0)
ORDER BY ss.id
