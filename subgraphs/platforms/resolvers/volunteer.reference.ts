// Platforms holds no volunteer rows: the key is all Volunteer.mentoring needs (batched by loader).
export const volunteerReference = {
  __resolveReference(ref: { id: string }) {
    return { id: ref.id };
  },
};
