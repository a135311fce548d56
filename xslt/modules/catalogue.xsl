<?xml version="1.0" encoding="UTF-8"?>
<!--
  catalogue.xsl : the catalogue of the collection, written once per build by the collect stage
  (teipub/catalogue.py, which documents every element), read here and nowhere else.

  HOW TO USE (imported by functions.xsl, so every stylesheet has it)
  * $pe:catalogue: the catalogue document (the parameter `catalogue`, a file URI), or empty when a
    stylesheet is run by hand or by a unit test without one (the functions below then answer
    from the TEI itself, as documented on each).
    A reading page is given its slice of the catalogue (the same elements, restricted to what
    the page shows); the once-per-build stages the whole of it.
  * pe:cat-pointer('per:yezhov')   <pointer token file id/>: where a private URI leads
  * pe:cat-entity('per-yezhov')    <entity id kind name sources mentions><in siglum title count/>…
  * pe:cat-source('sample')        <file siglum title short witness bibl-title position/>
  * pe:cat-note('infolist-note3')  <note id kind n/>
  * pe:claim-verdict('claim-x', 'infolist-num3')  the register's verdict on that claim's reading of
    the span: contradicted | qualified | disputed | uncheckable | consistent (empty if none)
  * pe:verdict($span)              the verdict of a source element (by its xml:id), the most severe
    over all the claims it is a span of (empty if none); labels: pe:label('verdict-' || key)
  * pe:cat-span('claim-x', 'infolist-num3')  <span siglum id verdict cert [names]/>
  * pe:cat-passage('claim-x', 'infolist-num3')  <passage claim id><before/><text/><after/></passage>:
    the words round the span, from passages.xml beside the whole catalogue (only the claim pages
    read it: it is most of what is collected; empty beside a page's slice)
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:pe="https://purges-edition.example/ns"
  exclude-result-prefixes="#all">

  <xsl:param name="catalogue" as="xs:string" select="''"/>

  <xsl:variable name="pe:catalogue" as="document-node(element(catalogue))?"
    select="if ($catalogue ne '') then doc($catalogue) else ()"/>

  <!-- read when first asked for (pe:cat-passage), so only by the stylesheets that ask -->
  <xsl:variable name="pe:passages" as="document-node(element(passages))?"
    select="if ($catalogue ne '') then resolve-uri('passages.xml', $catalogue)[doc-available(.)] ! doc(.) else ()"/>

  <xsl:key name="pe:cat-pointer" match="pointer" use="@token"/>
  <xsl:key name="pe:cat-entity" match="entity" use="@id"/>
  <xsl:key name="pe:cat-source" match="file[@siglum]" use="@siglum"/>
  <xsl:key name="pe:cat-note" match="note" use="@id"/>
  <xsl:key name="pe:cat-span" match="claim/span" use="@id"/>
  <xsl:key name="pe:cat-claim-span" match="claim/span" use="../@id || ' ' || @id"/>
  <xsl:key name="pe:cat-claim" match="claim" use="@id"/>
  <xsl:key name="pe:cat-passage" match="passage" use="@claim || ' ' || @id"/>

  <!-- the verdicts, most severe first (teipub/catalogue.py VERDICT_ORDER) -->
  <xsl:variable name="pe:verdict-order" as="xs:string+"
    select="('contradicted', 'qualified', 'disputed', 'uncheckable', 'consistent')"/>

  <xsl:function name="pe:cat-pointer" as="element(pointer)?">
    <xsl:param name="token" as="xs:string"/>
    <xsl:sequence select="$pe:catalogue ! key('pe:cat-pointer', $token, .)[1]"/>
  </xsl:function>

  <xsl:function name="pe:cat-entity" as="element(entity)?">
    <xsl:param name="id" as="xs:string"/>
    <xsl:sequence select="$pe:catalogue ! key('pe:cat-entity', $id, .)[1]"/>
  </xsl:function>

  <xsl:function name="pe:cat-source" as="element(file)?">
    <xsl:param name="siglum" as="xs:string"/>
    <xsl:sequence select="$pe:catalogue ! key('pe:cat-source', $siglum, .)[1]"/>
  </xsl:function>

  <xsl:function name="pe:cat-note" as="element(note)?">
    <xsl:param name="id" as="xs:string"/>
    <xsl:sequence select="$pe:catalogue ! key('pe:cat-note', $id, .)[1]"/>
  </xsl:function>

  <xsl:function name="pe:cat-span" as="element(span)?">
    <xsl:param name="claim" as="xs:string"/>
    <xsl:param name="id" as="xs:string"/>
    <xsl:sequence select="$pe:catalogue ! key('pe:cat-claim-span', $claim || ' ' || $id, .)[1]"/>
  </xsl:function>

  <xsl:function name="pe:cat-passage" as="element(passage)?">
    <xsl:param name="claim" as="xs:string"/>
    <xsl:param name="id" as="xs:string"/>
    <xsl:sequence select="$pe:passages ! key('pe:cat-passage', $claim || ' ' || $id, .)[1]"/>
  </xsl:function>

  <xsl:function name="pe:claim-verdict" as="xs:string?">
    <xsl:param name="claim" as="xs:string"/>
    <xsl:param name="id" as="xs:string"/>
    <xsl:sequence select="pe:cat-span($claim, $id)/@verdict[. = $pe:verdict-order] ! string(.)"/>
  </xsl:function>

  <xsl:function name="pe:verdict" as="xs:string?">
    <xsl:param name="span" as="element()"/>
    <xsl:variable name="id" as="xs:string" select="string($span/@xml:id)"/>
    <xsl:variable name="found" as="xs:string*"
      select="if ($id = '') then () else ($pe:catalogue ! key('pe:cat-span', $id, .))/@verdict ! string(.)"/>
    <xsl:sequence select="$pe:verdict-order[. = $found][1]"/>
  </xsl:function>
</xsl:stylesheet>
