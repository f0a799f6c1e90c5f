-- The query-service instances sharing this read-model database, each seen within the last seconds: every instance
-- keeps its own row fresh, and hands back processor segments beyond its fair share of the live instances.
CREATE TABLE projection_instance (
    instance_id VARCHAR(255) NOT NULL,
    last_seen   TIMESTAMPTZ  NOT NULL,
    CONSTRAINT projection_instance_pkey PRIMARY KEY (instance_id)
);
