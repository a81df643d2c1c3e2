-- name: org.sissync.aspiredu.roster.section_teachers
-- summary: Lead and co-teachers of each current section
-- description: One row per SECTIONTEACHER record active on the roster date (as_of_date), for sections whose term includes that day. TEACHERID is a SCHOOLSTAFF.ID.
-- arg: as_of_date | The day the roster describes, as YYYY-MM-DD
-- arg: school_numbers | School numbers to include, wrapped in commas (",100,200,"), or ",*," for every school
-- arg: after_id | Read rows whose key is above this: the last key of the page before, or a number below every id
-- arg: up_to_id | Read rows whose key is at most this (a slice of the key range; a number above every id for all of them)
-- key: st.id
SELECT
  st.id AS sectionteacher_id,
  st.sectionid AS section_id,
  st.teacherid AS schoolstaff_id,
  st.roleid AS role_id,
  st.priorityorder AS priority_order
FROM sectionteacher st
JOIN sections sec ON sec.id = st.sectionid
JOIN terms t ON t.id = sec.termid AND t.schoolid = sec.schoolid
WHERE st.id > :after_id
  AND st.id <= :up_to_id
  AND t.firstday <= TO_DATE(:as_of_date, 'YYYY-MM-DD')
  AND t.lastday >= TO_DATE(:as_of_date, 'YYYY-MM-DD')
  AND st.start_date <= TO_DATE(:as_of_date, 'YYYY-MM-DD')
  AND st.end_date >= TO_DATE(:as_of_date, 'YYYY-MM-DD')
  AND (INSTR(:school_numbers, ',*,') > 0 OR INSTR(:school_numbers, ',' || sec.schoolid || ',') > 0)
ORDER BY st.id
