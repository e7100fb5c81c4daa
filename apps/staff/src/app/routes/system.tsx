import { useParams } from "react-router";
import { SystemPage } from "../../features/systems/components/system-page.tsx";

export function Component() {
  const { id = "" } = useParams();
  return <SystemPage key={id} id={id} />;
}
