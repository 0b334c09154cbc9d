/** Why a form was refused, announced to screen readers as it appears; `id` ties it to the field it is about (aria-describedby). */
export function FormError({ message, id }: { message: string | null | undefined; id?: string }) {
  if (!message) return null;
  return (
    <p role="alert" className="form-error" id={id}>
      {message}
    </p>
  );
}
