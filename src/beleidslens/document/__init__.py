"""The document model: normalized text and a tree of nodes with exact offsets."""

from .model import SCHEMA_VERSION, Document, Node, NodeKind, SourceInfo

__all__ = ["SCHEMA_VERSION", "Document", "Node", "NodeKind", "SourceInfo"]
