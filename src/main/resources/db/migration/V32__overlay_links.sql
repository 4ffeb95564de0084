-- Links a station's graphics system (OBS, vMix, CasparCG) opens to show the question on air as a lower third.
-- Like the remote rooms' view links, only the token's hash is kept; a revoked link stays for the audit trail.
CREATE TABLE overlay_links (
  id         uuid PRIMARY KEY,
  episode_id uuid NOT NULL REFERENCES episodes (id),
  token_hash text NOT NULL UNIQUE,
  label      text NOT NULL,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);

CREATE INDEX overlay_links_episode ON overlay_links (episode_id, created_at);
