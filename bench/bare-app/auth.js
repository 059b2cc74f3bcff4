// Auth.js as its documentation sets it up, and no more: anyone signs in with any password, into a JWT session.
import NextAuth from "next-auth";
import Credentials from "next-auth/providers/credentials";

export const { handlers } = NextAuth({
  secret: process.env.AUTH_SECRET,
  session: { strategy: "jwt" },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      authorize: async ({ email }) => ({ id: "bare-person", name: "Bare Person", email: String(email) }),
    }),
  ],
});
