-- A password an admin chose (an account created with an initial password, or a reset's temporary
-- one) must be changed by its user before anything else (issue #16): while set, the server answers
-- every API call but the password change, /api/auth/me and the logout with 403
-- PASSWORD_CHANGE_REQUIRED. The user's own change clears it.
ALTER TABLE users ADD COLUMN must_change_password boolean NOT NULL DEFAULT false;
