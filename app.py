"""EnvBoard internal dashboard: `streamlit run app.py`."""
import streamlit as st

from envboard.core.i18n import t
from envboard.ui import auth_gate, data, filters, icons, nav, prewarm, show

st.set_page_config(page_title="督察整改看板 EnvBoard", page_icon=icons.APP_ICON, layout="wide")
menu = st.sidebar.container()
filters.language()
data.ensure_db()
prewarm.start()      # the pages' default views, computed in the background once per data version

pages = {
    t("nav.section.main"): [
        st.Page("app_pages/overview.py", title=t("nav.overview"), icon=":material/dashboard:", url_path="overview", default=True),
        st.Page("app_pages/closure_rank.py", title=t("nav.closure_rank"), icon=":material/leaderboard:", url_path="closure-rank"),
        st.Page("app_pages/leaderboard.py", title=t("rank.nav.leaderboard"), icon=":material/trophy:", url_path="leaderboard"),
        st.Page("app_pages/air_board.py", title=t("mee.nav"), icon=":material/air:", url_path="air-rankings"),
        st.Page("app_pages/city_file.py", title=t("rank.nav.city"), icon=":material/location_city:", url_path="city"),
        st.Page("app_pages/map.py", title=t("rank.nav.map"), icon=":material/map:", url_path="map"),
        st.Page("app_pages/briefing.py", title=t("nav.briefing"), icon=":material/campaign:", url_path="briefing"),
        st.Page("app_pages/meeting.py", title=t("nav.meeting"), icon=":material/slideshow:", url_path="meeting"),
    ],
    t("nav.section.analysis"): [
        st.Page("app_pages/ledger.py", title=t("ledger.nav"), icon=":material/table_view:", url_path="ledger"),
        st.Page("app_pages/petitions.py", title=t("petitions.nav"), icon=":material/forum:", url_path="petitions"),
        st.Page("app_pages/supervision.py", title=t("supervision.nav"), icon=":material/gavel:", url_path="supervision"),
    ],
    t("nav.section.data"): [
        st.Page("app_pages/methodology.py", title=t("nav.methodology"), icon=":material/menu_book:", url_path="methodology"),
        st.Page("app_pages/data_import.py", title=t("nav.import"), icon=":material/upload_file:", url_path="import"),
    ],
    t("nav.section.admin"): [
        st.Page("app_pages/admin_audit.py", title=t("nav.audit"), icon=":material/history:", url_path="audit"),
    ],
}
user = auth_gate.current_user()
allowed = auth_gate.allowed_pages(pages, user)
home = next(iter(allowed.values()))[0] if isinstance(allowed, dict) else allowed[0]    # overview, or the sign-in page
allowed = nav.with_not_found(allowed, home, filters.remembered_params())        # an unknown address: our own page
page = st.navigation(allowed, position="hidden")
auth_gate.sidebar(user)
st.sidebar.caption(t("app.subtitle"))
show.demo_banner()
nav.menu(menu, allowed)
page.run()
