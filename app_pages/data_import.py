"""数据导入 — upload a spreadsheet, dry run by default, then an all-or-nothing import; history and rollback."""
import streamlit as st

from envboard.core.i18n import t
from envboard.ui import auth_gate, import_mapping, import_view

user = auth_gate.require("editor")
st.title(t("import.title"))
st.caption(t("import.intro"))
if user.region and not user.can("admin"):
    st.info(t("import.scope", region=user.region))
import_view.templates()

kind = import_view.choose_kind()
extra = import_view.options_form()
upload = import_view.upload()
if upload is not None:
    name, content = upload
    result = import_view.run_preview(user, kind, name, content, extra)
    st.subheader(t("import.preview"))
    import_view.counts(result)
    import_view.mapping(result)
    import_mapping.unknown_values(user, kind, result)
    import_view.errors(result)
    if result.status == "ok":
        import_view.preview_rows(result)
        import_view.commit(user, kind, name, content, extra)
    else:
        st.error(t("import.rejected"))

import_view.history(user)
