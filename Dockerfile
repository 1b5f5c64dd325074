# factdb web image: gunicorn serving the Django app; PostgreSQL comes from docker-compose.yml.
FROM python:3.11-slim-bookworm

# Production settings whatever the command: DEBUG=1 only by an explicit `-e DEBUG=1`.
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 DEBUG=0

# WeasyPrint renders PDFs with Pango; the slim image lacks it. gettext compiles the Spanish
# catalogue (compilemessages, below).
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core \
        gettext \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml README.md ./
RUN pip install .
COPY . .
RUN DEBUG=0 SECRET_KEY=collectstatic-only python manage.py collectstatic --noinput \
    && DEBUG=0 SECRET_KEY=compilemessages-only python manage.py compilemessages --locale es

RUN useradd --system --home /app factdb && chown -R factdb /app
USER factdb
EXPOSE 8000
CMD ["sh", "-c", "python manage.py migrate --noinput && python manage.py seed --if-empty && exec gunicorn factdb.wsgi --bind 0.0.0.0:8000 --workers ${WEB_CONCURRENCY:-2} --timeout ${GUNICORN_TIMEOUT:-120} --access-logfile -"]
