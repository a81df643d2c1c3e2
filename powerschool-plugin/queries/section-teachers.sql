-- name: org.sissync.aspiredu.roster.section_teachers
-- summary: Lead and co-teachers of each current section
-- description: One row per SECTIONTEACHER record active on the roster date (as_of_date), for sections whose term includes that day. TEACHERID is a SCHOOLSTAFF.ID.
-- arg: as_of_date | The day the roster describes, as YYYY-MM-DD
-- arg: school_numbers | School numbers to include, wrapped in commas (",100,200,"), or ",*," for every school
SELECT
  st.id AS sectionteacher_id,
  st.sectionid AS section_id,
  st.teacherid AS schoolstaff_id,
  st.roleid AS role_id,
  st.priorityorder AS priority_order,
  SUM(st.id) OVER () AS id_sum
FROM sectionteacher st
JOIN sections sec ON sec.id = st.sectionid
JOIN terms t ON t.id = sec.termid AND t.schoolid = sec.schoolid
WHERE t.firstday <= TO_DATE(:as_of_date, 'YYYY-MM-DD')
  AND t.lastday >= TO_DATE(:as_of_date, 'YYYY-MM-DD')
  AND st.start_date <= TO_DATE(:as_of_date, 'YYYY-MM-DD')
  AND st.end_date >= TO_DATE(:as_of_date, 'YYYY-MM-DD')
  AND (INSTR(:school_numbers, ',*,') > 0 OR INSTR(:school_numbers, ',' || sec.schoolid || ',') > 0)
ORDER BY st.sectionid, st.priorityorder, st.id
