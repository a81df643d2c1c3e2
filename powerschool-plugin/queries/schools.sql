-- name: org.sissync.aspiredu.roster.schools
-- summary: Schools, by school number
-- description: Every school the district keeps in SCHOOLS, limited to the schools sis-sync is told to include.
-- arg: school_numbers | School numbers to include, wrapped in commas (",100,200,"), or ",*," for every school
SELECT
  sc.id AS school_id,
  sc.school_number AS school_number,
  sc.name AS school_name,
  sc.abbreviation AS abbreviation,
  SUM(sc.id) OVER () AS id_sum
FROM schools sc
WHERE (INSTR(:school_numbers, ',*,') > 0 OR INSTR(:school_numbers, ',' || sc.school_number || ',') > 0)
ORDER BY sc.school_number, sc.id
