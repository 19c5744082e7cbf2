import { z } from "zod";
import { roleSchema } from "./roles";

export const emailSchema = z.string().trim().toLowerCase().pipe(z.email("not a valid email address").max(254));
export const passwordSchema = z
  .string()
  .min(8, "at least 8 characters")
  .max(200, "at most 200 characters");

export const createUserSchema = z.object({
  email: emailSchema,
  name: z.string().trim().min(1, "required").max(120),
  role: roleSchema,
  password: passwordSchema,
});
export type CreateUserInput = z.infer<typeof createUserSchema>;

export const updateUserSchema = z.object({
  userId: z.string().min(1),
  role: roleSchema.optional(),
  disabled: z.boolean().optional(),
  password: passwordSchema.optional(),
});
export type UpdateUserInput = z.infer<typeof updateUserSchema>;

export const credentialsSchema = z.object({
  email: emailSchema,
  password: z.string().min(1).max(200),
});
