//! HTTP contract tests: pinecone (being written).
