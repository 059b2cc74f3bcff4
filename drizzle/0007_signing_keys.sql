CREATE TABLE "signing_keys" (
	"kid" text PRIMARY KEY NOT NULL,
	"generation" integer NOT NULL,
	"public_jwk" jsonb NOT NULL,
	"sealed_private_jwk" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"signs_from" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "signing_keys_generation_unique" UNIQUE("generation"),
	CONSTRAINT "signing_keys_published_before_signing" CHECK ("signing_keys"."signs_from" >= "signing_keys"."created_at")
);
