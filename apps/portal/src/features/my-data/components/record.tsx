import type { CustomerRecord } from "@tietoni/domain";
import { CustomerRecordView } from "@tietoni/ui";
import { StaffViews } from "./staff-views.tsx";

/** The record itself and who among the staff opened it: the my-data page's part that needs the notice's texts. */
export default function Record({ record }: { record: CustomerRecord }) {
  return (
    <>
      <CustomerRecordView record={record} />
      <StaffViews />
    </>
  );
}
