-- name: org.sissync.aspiredu.roster.staff
-- summary: Staff at each school, keyed on their USERS record
-- description: One row per SCHOOLSTAFF record (a person at one school), with the person's USERS record, so that a teacher at two schools is one person with two rows.
-- arg: school_numbers | School numbers to include, wrapped in commas (",100,200,"), or ",*," for every school
SELECT
  u.dcid AS users_dcid,
  u.teachernumber AS teachernumber,
  u.first_name AS first_name,
  u.last_name AS last_name,
  u.email_addr AS email,
  ss.id AS schoolstaff_id,
  ss.schoolid AS school_number,
  ss.status AS status,
  ss.staffstatus AS staffstatus,
  SUM(ss.id) OVER () AS id_sum
FROM users u
JOIN schoolstaff ss ON ss.users_dcid = u.dcid
WHERE (INSTR(:school_numbers, ',*,') > 0 OR INSTR(:school_numbers, ',' || ss.schoolid || ',') > 0)
ORDER BY u.dcid, ss.id
