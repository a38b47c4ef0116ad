-- task_region
-- The region of one rectification task: lets a page check a task id against the user's region.
-- params:  $task_id VARCHAR  e.g. 'central-1-360000/361000-001'
-- returns: region_code (no row when the task does not exist)
select region_code from tasks where task_id = $task_id;
