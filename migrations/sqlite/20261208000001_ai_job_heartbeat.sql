-- Several Lector servers may share one database. An AI run belongs to the server running it,
-- which marks it alive at every batch; a server starting up fails only runs nobody has marked
-- alive for a while (their server stopped), never another server's live run. And at most one
-- run per study is running, whichever server started it: the database refuses a second.
ALTER TABLE ai_jobs ADD COLUMN heartbeat_at TEXT;
UPDATE ai_jobs SET heartbeat_at = started_at WHERE status = 'running';
UPDATE ai_jobs SET status = 'failed', error = 'the server stopped during the run; run it again',
    finished_at = started_at
 WHERE status = 'running'
   AND id NOT IN (SELECT MAX(id) FROM ai_jobs WHERE status = 'running' GROUP BY study_id);
CREATE UNIQUE INDEX ai_jobs_one_running ON ai_jobs (study_id) WHERE status = 'running';
