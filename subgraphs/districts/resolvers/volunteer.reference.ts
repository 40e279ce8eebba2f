// The corps' Volunteer carries no data here beyond its key; its fields batch through loaders.
export const volunteerReference = {
  __resolveReference(ref: { id: string }) {
    return { id: ref.id };
  },
};
