"""EnvBoard public summary (信息公开): `streamlit run public_app.py`. Reads only the published snapshot."""
import streamlit as st

from envboard.core.i18n import t
from envboard.ui import icons, nav, public_data

st.set_page_config(page_title="督察整改信息公开", page_icon=icons.PUBLIC_ICON, layout="centered")
lang = public_data.language()

# Only these pages exist in this app: st.navigation replaces any app_pages/ folder discovery, so no
# internal page can be reached from here, by menu or by URL.
PUBLIC_PAGES = [
    st.Page("public_pages/overview.py", title=t("public.nav.overview"), icon=":material/home:", url_path="overview", default=True),
    st.Page("public_pages/cities.py", title=t("public.nav.cities"), icon=":material/leaderboard:", url_path="cities"),
    st.Page("public_pages/environment.py", title=t("public.nav.environment"), icon=":material/air:", url_path="air-water"),
    st.Page("public_pages/progress.py", title=t("public.nav.progress"), icon=":material/task_alt:", url_path="progress"),
    st.Page("public_pages/methodology.py", title=t("public.nav.methodology"), icon=":material/menu_book:", url_path="methodology"),
]
page = st.navigation(nav.with_not_found(PUBLIC_PAGES, PUBLIC_PAGES[0], {"lang": lang} if lang != "zh" else None,
                                          text="notfound.text_public"))
st.sidebar.caption(t("public.app_title"))
page.run()
