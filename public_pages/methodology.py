"""方法与数据 — publication date, data-as-of, scope and how every published figure is defined."""
import pandas as pd
import streamlit as st

from envboard.core.i18n import language, t
from envboard.publish import views
from envboard.ui import public_data as pub

snap = pub.snapshot()
pub.header(snap, t("public.method.title"))
st.subheader(t("public.method.publication"))
st.table(pd.DataFrame({t("public.method.topic"): [t("public.method.published_on"), t("public.method.as_of"), t("public.method.scope")],
                       t("public.method.text"): [f"{pd.Timestamp(snap.publication['published_on']):%Y-%m-%d}",
                                                 views.month_text(snap.as_of), snap.name(snap.province)]}).set_index(t("public.method.topic")))
st.subheader(t("public.method.title"))
st.table(views.methodology_table(snap, language()).set_index(t("public.method.topic")))
